impl BizStep {
    /// `accepting` (<https://ref.gs1.org/cbv/BizStep-accepting>).
    pub const ACCEPTING: BizStep = BizStep::from_static("accepting");
    /// `arriving` (<https://ref.gs1.org/cbv/BizStep-arriving>).
    pub const ARRIVING: BizStep = BizStep::from_static("arriving");
    /// `assembling` (<https://ref.gs1.org/cbv/BizStep-assembling>).
    pub const ASSEMBLING: BizStep = BizStep::from_static("assembling");
    /// `collecting` (<https://ref.gs1.org/cbv/BizStep-collecting>).
    pub const COLLECTING: BizStep = BizStep::from_static("collecting");
    /// `commissioning` (<https://ref.gs1.org/cbv/BizStep-commissioning>).
    pub const COMMISSIONING: BizStep = BizStep::from_static("commissioning");
    /// `consigning` (<https://ref.gs1.org/cbv/BizStep-consigning>).
    pub const CONSIGNING: BizStep = BizStep::from_static("consigning");
    /// `creating_class_instance` (<https://ref.gs1.org/cbv/BizStep-creating_class_instance>).
    pub const CREATING_CLASS_INSTANCE: BizStep = BizStep::from_static("creating_class_instance");
    /// `cycle_counting` (<https://ref.gs1.org/cbv/BizStep-cycle_counting>).
    pub const CYCLE_COUNTING: BizStep = BizStep::from_static("cycle_counting");
    /// `decommissioning` (<https://ref.gs1.org/cbv/BizStep-decommissioning>).
    pub const DECOMMISSIONING: BizStep = BizStep::from_static("decommissioning");
    /// `departing` (<https://ref.gs1.org/cbv/BizStep-departing>).
    pub const DEPARTING: BizStep = BizStep::from_static("departing");
    /// `destroying` (<https://ref.gs1.org/cbv/BizStep-destroying>).
    pub const DESTROYING: BizStep = BizStep::from_static("destroying");
    /// `disassembling` (<https://ref.gs1.org/cbv/BizStep-disassembling>).
    pub const DISASSEMBLING: BizStep = BizStep::from_static("disassembling");
    /// `dispensing` (<https://ref.gs1.org/cbv/BizStep-dispensing>).
    pub const DISPENSING: BizStep = BizStep::from_static("dispensing");
    /// `encoding` (<https://ref.gs1.org/cbv/BizStep-encoding>).
    pub const ENCODING: BizStep = BizStep::from_static("encoding");
    /// `entering_exiting` (<https://ref.gs1.org/cbv/BizStep-entering_exiting>).
    pub const ENTERING_EXITING: BizStep = BizStep::from_static("entering_exiting");
    /// `holding` (<https://ref.gs1.org/cbv/BizStep-holding>).
    pub const HOLDING: BizStep = BizStep::from_static("holding");
    /// `inspecting` (<https://ref.gs1.org/cbv/BizStep-inspecting>).
    pub const INSPECTING: BizStep = BizStep::from_static("inspecting");
    /// `installing` (<https://ref.gs1.org/cbv/BizStep-installing>).
    pub const INSTALLING: BizStep = BizStep::from_static("installing");
    /// `killing` (<https://ref.gs1.org/cbv/BizStep-killing>).
    pub const KILLING: BizStep = BizStep::from_static("killing");
    /// `loading` (<https://ref.gs1.org/cbv/BizStep-loading>).
    pub const LOADING: BizStep = BizStep::from_static("loading");
    /// `other` (<https://ref.gs1.org/cbv/BizStep-other>).
    pub const OTHER: BizStep = BizStep::from_static("other");
    /// `packing` (<https://ref.gs1.org/cbv/BizStep-packing>).
    pub const PACKING: BizStep = BizStep::from_static("packing");
    /// `picking` (<https://ref.gs1.org/cbv/BizStep-picking>).
    pub const PICKING: BizStep = BizStep::from_static("picking");
    /// `receiving` (<https://ref.gs1.org/cbv/BizStep-receiving>).
    pub const RECEIVING: BizStep = BizStep::from_static("receiving");
    /// `removing` (<https://ref.gs1.org/cbv/BizStep-removing>).
    pub const REMOVING: BizStep = BizStep::from_static("removing");
    /// `repackaging` (<https://ref.gs1.org/cbv/BizStep-repackaging>).
    pub const REPACKAGING: BizStep = BizStep::from_static("repackaging");
    /// `repairing` (<https://ref.gs1.org/cbv/BizStep-repairing>).
    pub const REPAIRING: BizStep = BizStep::from_static("repairing");
    /// `replacing` (<https://ref.gs1.org/cbv/BizStep-replacing>).
    pub const REPLACING: BizStep = BizStep::from_static("replacing");
    /// `reserving` (<https://ref.gs1.org/cbv/BizStep-reserving>).
    pub const RESERVING: BizStep = BizStep::from_static("reserving");
    /// `retail_selling` (<https://ref.gs1.org/cbv/BizStep-retail_selling>).
    pub const RETAIL_SELLING: BizStep = BizStep::from_static("retail_selling");
    /// `sampling` (<https://ref.gs1.org/cbv/BizStep-sampling>).
    pub const SAMPLING: BizStep = BizStep::from_static("sampling");
    /// `sensor_reporting` (<https://ref.gs1.org/cbv/BizStep-sensor_reporting>).
    pub const SENSOR_REPORTING: BizStep = BizStep::from_static("sensor_reporting");
    /// `shipping` (<https://ref.gs1.org/cbv/BizStep-shipping>).
    pub const SHIPPING: BizStep = BizStep::from_static("shipping");
    /// `staging_outbound` (<https://ref.gs1.org/cbv/BizStep-staging_outbound>).
    pub const STAGING_OUTBOUND: BizStep = BizStep::from_static("staging_outbound");
    /// `stock_taking` (<https://ref.gs1.org/cbv/BizStep-stock_taking>).
    pub const STOCK_TAKING: BizStep = BizStep::from_static("stock_taking");
    /// `stocking` (<https://ref.gs1.org/cbv/BizStep-stocking>).
    pub const STOCKING: BizStep = BizStep::from_static("stocking");
    /// `storing` (<https://ref.gs1.org/cbv/BizStep-storing>).
    pub const STORING: BizStep = BizStep::from_static("storing");
    /// `transporting` (<https://ref.gs1.org/cbv/BizStep-transporting>).
    pub const TRANSPORTING: BizStep = BizStep::from_static("transporting");
    /// `unloading` (<https://ref.gs1.org/cbv/BizStep-unloading>).
    pub const UNLOADING: BizStep = BizStep::from_static("unloading");
    /// `unpacking` (<https://ref.gs1.org/cbv/BizStep-unpacking>).
    pub const UNPACKING: BizStep = BizStep::from_static("unpacking");
    /// `void_shipping` (<https://ref.gs1.org/cbv/BizStep-void_shipping>).
    pub const VOID_SHIPPING: BizStep = BizStep::from_static("void_shipping");
}

impl Disposition {
    /// `active` (<https://ref.gs1.org/cbv/Disp-active>).
    pub const ACTIVE: Disposition = Disposition::from_static("active");
    /// `available` (<https://ref.gs1.org/cbv/Disp-available>).
    pub const AVAILABLE: Disposition = Disposition::from_static("available");
    /// `completeness_verified` (<https://ref.gs1.org/cbv/Disp-completeness_verified>).
    pub const COMPLETENESS_VERIFIED: Disposition = Disposition::from_static("completeness_verified");
    /// `completeness_inferred` (<https://ref.gs1.org/cbv/Disp-completeness_inferred>).
    pub const COMPLETENESS_INFERRED: Disposition = Disposition::from_static("completeness_inferred");
    /// `conformant` (<https://ref.gs1.org/cbv/Disp-conformant>).
    pub const CONFORMANT: Disposition = Disposition::from_static("conformant");
    /// `container_closed` (<https://ref.gs1.org/cbv/Disp-container_closed>).
    pub const CONTAINER_CLOSED: Disposition = Disposition::from_static("container_closed");
    /// `container_open` (<https://ref.gs1.org/cbv/Disp-container_open>).
    pub const CONTAINER_OPEN: Disposition = Disposition::from_static("container_open");
    /// `damaged` (<https://ref.gs1.org/cbv/Disp-damaged>).
    pub const DAMAGED: Disposition = Disposition::from_static("damaged");
    /// `destroyed` (<https://ref.gs1.org/cbv/Disp-destroyed>).
    pub const DESTROYED: Disposition = Disposition::from_static("destroyed");
    /// `dispensed` (<https://ref.gs1.org/cbv/Disp-dispensed>).
    pub const DISPENSED: Disposition = Disposition::from_static("dispensed");
    /// `disposed` (<https://ref.gs1.org/cbv/Disp-disposed>).
    pub const DISPOSED: Disposition = Disposition::from_static("disposed");
    /// `encoded` (<https://ref.gs1.org/cbv/Disp-encoded>).
    pub const ENCODED: Disposition = Disposition::from_static("encoded");
    /// `expired` (<https://ref.gs1.org/cbv/Disp-expired>).
    pub const EXPIRED: Disposition = Disposition::from_static("expired");
    /// `in_progress` (<https://ref.gs1.org/cbv/Disp-in_progress>).
    pub const IN_PROGRESS: Disposition = Disposition::from_static("in_progress");
    /// `in_transit` (<https://ref.gs1.org/cbv/Disp-in_transit>).
    pub const IN_TRANSIT: Disposition = Disposition::from_static("in_transit");
    /// `inactive` (<https://ref.gs1.org/cbv/Disp-inactive>).
    pub const INACTIVE: Disposition = Disposition::from_static("inactive");
    /// `mismatch_instance` (<https://ref.gs1.org/cbv/Disp-mismatch_instance>).
    pub const MISMATCH_INSTANCE: Disposition = Disposition::from_static("mismatch_instance");
    /// `mismatch_class` (<https://ref.gs1.org/cbv/Disp-mismatch_class>).
    pub const MISMATCH_CLASS: Disposition = Disposition::from_static("mismatch_class");
    /// `mismatch_quantity` (<https://ref.gs1.org/cbv/Disp-mismatch_quantity>).
    pub const MISMATCH_QUANTITY: Disposition = Disposition::from_static("mismatch_quantity");
    /// `needs_replacement` (<https://ref.gs1.org/cbv/Disp-needs_replacement>).
    pub const NEEDS_REPLACEMENT: Disposition = Disposition::from_static("needs_replacement");
    /// `no_pedigree_match` (<https://ref.gs1.org/cbv/Disp-no_pedigree_match>).
    pub const NO_PEDIGREE_MATCH: Disposition = Disposition::from_static("no_pedigree_match");
    /// `non_conformant` (<https://ref.gs1.org/cbv/Disp-non_conformant>).
    pub const NON_CONFORMANT: Disposition = Disposition::from_static("non_conformant");
    /// `non_sellable_other` (<https://ref.gs1.org/cbv/Disp-non_sellable_other>).
    pub const NON_SELLABLE_OTHER: Disposition = Disposition::from_static("non_sellable_other");
    /// `partially_dispensed` (<https://ref.gs1.org/cbv/Disp-partially_dispensed>).
    pub const PARTIALLY_DISPENSED: Disposition = Disposition::from_static("partially_dispensed");
    /// `recalled` (<https://ref.gs1.org/cbv/Disp-recalled>).
    pub const RECALLED: Disposition = Disposition::from_static("recalled");
    /// `reserved` (<https://ref.gs1.org/cbv/Disp-reserved>).
    pub const RESERVED: Disposition = Disposition::from_static("reserved");
    /// `retail_sold` (<https://ref.gs1.org/cbv/Disp-retail_sold>).
    pub const RETAIL_SOLD: Disposition = Disposition::from_static("retail_sold");
    /// `returned` (<https://ref.gs1.org/cbv/Disp-returned>).
    pub const RETURNED: Disposition = Disposition::from_static("returned");
    /// `sellable_accessible` (<https://ref.gs1.org/cbv/Disp-sellable_accessible>).
    pub const SELLABLE_ACCESSIBLE: Disposition = Disposition::from_static("sellable_accessible");
    /// `sellable_not_accessible` (<https://ref.gs1.org/cbv/Disp-sellable_not_accessible>).
    pub const SELLABLE_NOT_ACCESSIBLE: Disposition = Disposition::from_static("sellable_not_accessible");
    /// `stolen` (<https://ref.gs1.org/cbv/Disp-stolen>).
    pub const STOLEN: Disposition = Disposition::from_static("stolen");
    /// `unavailable` (<https://ref.gs1.org/cbv/Disp-unavailable>).
    pub const UNAVAILABLE: Disposition = Disposition::from_static("unavailable");
    /// `unknown` (<https://ref.gs1.org/cbv/Disp-unknown>).
    pub const UNKNOWN: Disposition = Disposition::from_static("unknown");
}

impl BizTransactionType {
    /// `bol` (<https://ref.gs1.org/cbv/BTT-bol>).
    pub const BOL: BizTransactionType = BizTransactionType::from_static("bol");
    /// `cert` (<https://ref.gs1.org/cbv/BTT-cert>).
    pub const CERT: BizTransactionType = BizTransactionType::from_static("cert");
    /// `desadv` (<https://ref.gs1.org/cbv/BTT-desadv>).
    pub const DESADV: BizTransactionType = BizTransactionType::from_static("desadv");
    /// `inv` (<https://ref.gs1.org/cbv/BTT-inv>).
    pub const INV: BizTransactionType = BizTransactionType::from_static("inv");
    /// `pedigree` (<https://ref.gs1.org/cbv/BTT-pedigree>).
    pub const PEDIGREE: BizTransactionType = BizTransactionType::from_static("pedigree");
    /// `po` (<https://ref.gs1.org/cbv/BTT-po>).
    pub const PO: BizTransactionType = BizTransactionType::from_static("po");
    /// `poc` (<https://ref.gs1.org/cbv/BTT-poc>).
    pub const POC: BizTransactionType = BizTransactionType::from_static("poc");
    /// `prodorder` (<https://ref.gs1.org/cbv/BTT-prodorder>).
    pub const PRODORDER: BizTransactionType = BizTransactionType::from_static("prodorder");
    /// `recadv` (<https://ref.gs1.org/cbv/BTT-recadv>).
    pub const RECADV: BizTransactionType = BizTransactionType::from_static("recadv");
    /// `rma` (<https://ref.gs1.org/cbv/BTT-rma>).
    pub const RMA: BizTransactionType = BizTransactionType::from_static("rma");
    /// `testprd` (<https://ref.gs1.org/cbv/BTT-testprd>).
    pub const TESTPRD: BizTransactionType = BizTransactionType::from_static("testprd");
    /// `testres` (<https://ref.gs1.org/cbv/BTT-testres>).
    pub const TESTRES: BizTransactionType = BizTransactionType::from_static("testres");
    /// `upevt` (<https://ref.gs1.org/cbv/BTT-upevt>).
    pub const UPEVT: BizTransactionType = BizTransactionType::from_static("upevt");
}

impl SourceDestType {
    /// `owning_party` (<https://ref.gs1.org/cbv/SDT-owning_party>).
    pub const OWNING_PARTY: SourceDestType = SourceDestType::from_static("owning_party");
    /// `possessing_party` (<https://ref.gs1.org/cbv/SDT-possessing_party>).
    pub const POSSESSING_PARTY: SourceDestType = SourceDestType::from_static("possessing_party");
    /// `location` (<https://ref.gs1.org/cbv/SDT-location>).
    pub const LOCATION: SourceDestType = SourceDestType::from_static("location");
}

impl ErrorReason {
    /// `did_not_occur` (<https://ref.gs1.org/cbv/ER-did_not_occur>).
    pub const DID_NOT_OCCUR: ErrorReason = ErrorReason::from_static("did_not_occur");
    /// `incorrect_data` (<https://ref.gs1.org/cbv/ER-incorrect_data>).
    pub const INCORRECT_DATA: ErrorReason = ErrorReason::from_static("incorrect_data");
}

impl SensorAlertType {
    /// `ALARM_CONDITION` (<https://gs1.org/voc/ALARM_CONDITION>).
    pub const ALARM_CONDITION: SensorAlertType = SensorAlertType::from_static("ALARM_CONDITION");
    /// `ERROR_CONDITION` (<https://gs1.org/voc/ERROR_CONDITION>).
    pub const ERROR_CONDITION: SensorAlertType = SensorAlertType::from_static("ERROR_CONDITION");
}

impl Component {
    /// `x` (<https://ref.gs1.org/cbv/Comp-x>).
    pub const X: Component = Component::from_static("x");
    /// `y` (<https://ref.gs1.org/cbv/Comp-y>).
    pub const Y: Component = Component::from_static("y");
    /// `z` (<https://ref.gs1.org/cbv/Comp-z>).
    pub const Z: Component = Component::from_static("z");
    /// `axial_distance` (<https://ref.gs1.org/cbv/Comp-axial_distance>).
    pub const AXIAL_DISTANCE: Component = Component::from_static("axial_distance");
    /// `azimuth` (<https://ref.gs1.org/cbv/Comp-azimuth>).
    pub const AZIMUTH: Component = Component::from_static("azimuth");
    /// `height` (<https://ref.gs1.org/cbv/Comp-height>).
    pub const HEIGHT: Component = Component::from_static("height");
    /// `spherical_radius` (<https://ref.gs1.org/cbv/Comp-spherical_radius>).
    pub const SPHERICAL_RADIUS: Component = Component::from_static("spherical_radius");
    /// `polar_angle` (<https://ref.gs1.org/cbv/Comp-polar_angle>).
    pub const POLAR_ANGLE: Component = Component::from_static("polar_angle");
    /// `elevation_angle` (<https://ref.gs1.org/cbv/Comp-elevation_angle>).
    pub const ELEVATION_ANGLE: Component = Component::from_static("elevation_angle");
    /// `easting` (<https://ref.gs1.org/cbv/Comp-easting>).
    pub const EASTING: Component = Component::from_static("easting");
    /// `northing` (<https://ref.gs1.org/cbv/Comp-northing>).
    pub const NORTHING: Component = Component::from_static("northing");
    /// `latitude` (<https://ref.gs1.org/cbv/Comp-latitude>).
    pub const LATITUDE: Component = Component::from_static("latitude");
    /// `longitude` (<https://ref.gs1.org/cbv/Comp-longitude>).
    pub const LONGITUDE: Component = Component::from_static("longitude");
    /// `altitude` (<https://ref.gs1.org/cbv/Comp-altitude>).
    pub const ALTITUDE: Component = Component::from_static("altitude");
}

impl MeasurementType {
    /// `AbsoluteHumidity` (<https://gs1.org/voc/AbsoluteHumidity>).
    pub const ABSOLUTE_HUMIDITY: MeasurementType = MeasurementType::from_static("AbsoluteHumidity");
    /// `AbsorbedDose` (<https://gs1.org/voc/AbsorbedDose>).
    pub const ABSORBED_DOSE: MeasurementType = MeasurementType::from_static("AbsorbedDose");
    /// `AbsorbedDoseRate` (<https://gs1.org/voc/AbsorbedDoseRate>).
    pub const ABSORBED_DOSE_RATE: MeasurementType = MeasurementType::from_static("AbsorbedDoseRate");
    /// `Acceleration` (<https://gs1.org/voc/Acceleration>).
    pub const ACCELERATION: MeasurementType = MeasurementType::from_static("Acceleration");
    /// `Radioactivity` (<https://gs1.org/voc/Radioactivity>).
    pub const RADIOACTIVITY: MeasurementType = MeasurementType::from_static("Radioactivity");
    /// `Altitude` (<https://gs1.org/voc/Altitude>).
    pub const ALTITUDE: MeasurementType = MeasurementType::from_static("Altitude");
    /// `AmountOfSubstance` (<https://gs1.org/voc/AmountOfSubstance>).
    pub const AMOUNT_OF_SUBSTANCE: MeasurementType = MeasurementType::from_static("AmountOfSubstance");
    /// `AmountOfSubstancePerUnitVolume` (<https://gs1.org/voc/AmountOfSubstancePerUnitVolume>).
    pub const AMOUNT_OF_SUBSTANCE_PER_UNIT_VOLUME: MeasurementType = MeasurementType::from_static("AmountOfSubstancePerUnitVolume");
    /// `Angle` (<https://gs1.org/voc/Angle>).
    pub const ANGLE: MeasurementType = MeasurementType::from_static("Angle");
    /// `AngularAcceleration` (<https://gs1.org/voc/AngularAcceleration>).
    pub const ANGULAR_ACCELERATION: MeasurementType = MeasurementType::from_static("AngularAcceleration");
    /// `AngularMomentum` (<https://gs1.org/voc/AngularMomentum>).
    pub const ANGULAR_MOMENTUM: MeasurementType = MeasurementType::from_static("AngularMomentum");
    /// `AngularVelocity` (<https://gs1.org/voc/AngularVelocity>).
    pub const ANGULAR_VELOCITY: MeasurementType = MeasurementType::from_static("AngularVelocity");
    /// `Area` (<https://gs1.org/voc/Area>).
    pub const AREA: MeasurementType = MeasurementType::from_static("Area");
    /// `Capacitance` (<https://gs1.org/voc/Capacitance>).
    pub const CAPACITANCE: MeasurementType = MeasurementType::from_static("Capacitance");
    /// `Conductance` (<https://gs1.org/voc/Conductance>).
    pub const CONDUCTANCE: MeasurementType = MeasurementType::from_static("Conductance");
    /// `Conductivity` (<https://gs1.org/voc/Conductivity>).
    pub const CONDUCTIVITY: MeasurementType = MeasurementType::from_static("Conductivity");
    /// `Count` (<https://gs1.org/voc/Count>).
    pub const COUNT: MeasurementType = MeasurementType::from_static("Count");
    /// `Density` (<https://gs1.org/voc/Density>).
    pub const DENSITY: MeasurementType = MeasurementType::from_static("Density");
    /// `Dimensionless` (<https://gs1.org/voc/Dimensionless>).
    pub const DIMENSIONLESS: MeasurementType = MeasurementType::from_static("Dimensionless");
    /// `DoseEquivalent` (<https://gs1.org/voc/DoseEquivalent>).
    pub const DOSE_EQUIVALENT: MeasurementType = MeasurementType::from_static("DoseEquivalent");
    /// `DoseEquivalentRate` (<https://gs1.org/voc/DoseEquivalentRate>).
    pub const DOSE_EQUIVALENT_RATE: MeasurementType = MeasurementType::from_static("DoseEquivalentRate");
    /// `DynamicViscosity` (<https://gs1.org/voc/DynamicViscosity>).
    pub const DYNAMIC_VISCOSITY: MeasurementType = MeasurementType::from_static("DynamicViscosity");
    /// `ElectricCharge` (<https://gs1.org/voc/ElectricCharge>).
    pub const ELECTRIC_CHARGE: MeasurementType = MeasurementType::from_static("ElectricCharge");
    /// `ElectricCurrent` (<https://gs1.org/voc/ElectricCurrent>).
    pub const ELECTRIC_CURRENT: MeasurementType = MeasurementType::from_static("ElectricCurrent");
    /// `ElectricCurrentDensity` (<https://gs1.org/voc/ElectricCurrentDensity>).
    pub const ELECTRIC_CURRENT_DENSITY: MeasurementType = MeasurementType::from_static("ElectricCurrentDensity");
    /// `ElectricFieldStrength` (<https://gs1.org/voc/ElectricFieldStrength>).
    pub const ELECTRIC_FIELD_STRENGTH: MeasurementType = MeasurementType::from_static("ElectricFieldStrength");
    /// `Energy` (<https://gs1.org/voc/Energy>).
    pub const ENERGY: MeasurementType = MeasurementType::from_static("Energy");
    /// `Exposure` (<https://gs1.org/voc/Exposure>).
    pub const EXPOSURE: MeasurementType = MeasurementType::from_static("Exposure");
    /// `Force` (<https://gs1.org/voc/Force>).
    pub const FORCE: MeasurementType = MeasurementType::from_static("Force");
    /// `Frequency` (<https://gs1.org/voc/Frequency>).
    pub const FREQUENCY: MeasurementType = MeasurementType::from_static("Frequency");
    /// `Illuminance` (<https://gs1.org/voc/Illuminance>).
    pub const ILLUMINANCE: MeasurementType = MeasurementType::from_static("Illuminance");
    /// `Inductance` (<https://gs1.org/voc/Inductance>).
    pub const INDUCTANCE: MeasurementType = MeasurementType::from_static("Inductance");
    /// `Irradiance` (<https://gs1.org/voc/Irradiance>).
    pub const IRRADIANCE: MeasurementType = MeasurementType::from_static("Irradiance");
    /// `KinematicViscosity` (<https://gs1.org/voc/KinematicViscosity>).
    pub const KINEMATIC_VISCOSITY: MeasurementType = MeasurementType::from_static("KinematicViscosity");
    /// `Length` (<https://gs1.org/voc/Length>).
    pub const LENGTH: MeasurementType = MeasurementType::from_static("Length");
    /// `LinearMomentum` (<https://gs1.org/voc/LinearMomentum>).
    pub const LINEAR_MOMENTUM: MeasurementType = MeasurementType::from_static("LinearMomentum");
    /// `Luminance` (<https://gs1.org/voc/Luminance>).
    pub const LUMINANCE: MeasurementType = MeasurementType::from_static("Luminance");
    /// `LuminousFlux` (<https://gs1.org/voc/LuminousFlux>).
    pub const LUMINOUS_FLUX: MeasurementType = MeasurementType::from_static("LuminousFlux");
    /// `LuminousIntensity` (<https://gs1.org/voc/LuminousIntensity>).
    pub const LUMINOUS_INTENSITY: MeasurementType = MeasurementType::from_static("LuminousIntensity");
    /// `MagneticFlux` (<https://gs1.org/voc/MagneticFlux>).
    pub const MAGNETIC_FLUX: MeasurementType = MeasurementType::from_static("MagneticFlux");
    /// `MagneticFluxDensity` (<https://gs1.org/voc/MagneticFluxDensity>).
    pub const MAGNETIC_FLUX_DENSITY: MeasurementType = MeasurementType::from_static("MagneticFluxDensity");
    /// `MagneticVectorPotential` (<https://gs1.org/voc/MagneticVectorPotential>).
    pub const MAGNETIC_VECTOR_POTENTIAL: MeasurementType = MeasurementType::from_static("MagneticVectorPotential");
    /// `Mass` (<https://gs1.org/voc/Mass>).
    pub const MASS: MeasurementType = MeasurementType::from_static("Mass");
    /// `MassConcentration` (<https://gs1.org/voc/MassConcentration>).
    pub const MASS_CONCENTRATION: MeasurementType = MeasurementType::from_static("MassConcentration");
    /// `MassFlowRate` (<https://gs1.org/voc/MassFlowRate>).
    pub const MASS_FLOW_RATE: MeasurementType = MeasurementType::from_static("MassFlowRate");
    /// `MassPerAreaTime` (<https://gs1.org/voc/MassPerAreaTime>).
    pub const MASS_PER_AREA_TIME: MeasurementType = MeasurementType::from_static("MassPerAreaTime");
    /// `MemoryCapacity` (<https://gs1.org/voc/MemoryCapacity>).
    pub const MEMORY_CAPACITY: MeasurementType = MeasurementType::from_static("MemoryCapacity");
    /// `MolalityOfSolute` (<https://gs1.org/voc/MolalityOfSolute>).
    pub const MOLALITY_OF_SOLUTE: MeasurementType = MeasurementType::from_static("MolalityOfSolute");
    /// `MolarEnergy` (<https://gs1.org/voc/MolarEnergy>).
    pub const MOLAR_ENERGY: MeasurementType = MeasurementType::from_static("MolarEnergy");
    /// `MolarMass` (<https://gs1.org/voc/MolarMass>).
    pub const MOLAR_MASS: MeasurementType = MeasurementType::from_static("MolarMass");
    /// `MolarVolume` (<https://gs1.org/voc/MolarVolume>).
    pub const MOLAR_VOLUME: MeasurementType = MeasurementType::from_static("MolarVolume");
    /// `Power` (<https://gs1.org/voc/Power>).
    pub const POWER: MeasurementType = MeasurementType::from_static("Power");
    /// `Pressure` (<https://gs1.org/voc/Pressure>).
    pub const PRESSURE: MeasurementType = MeasurementType::from_static("Pressure");
    /// `RadiantFlux` (<https://gs1.org/voc/RadiantFlux>).
    pub const RADIANT_FLUX: MeasurementType = MeasurementType::from_static("RadiantFlux");
    /// `RadiantIntensity` (<https://gs1.org/voc/RadiantIntensity>).
    pub const RADIANT_INTENSITY: MeasurementType = MeasurementType::from_static("RadiantIntensity");
    /// `RelativeHumidity` (<https://gs1.org/voc/RelativeHumidity>).
    pub const RELATIVE_HUMIDITY: MeasurementType = MeasurementType::from_static("RelativeHumidity");
    /// `Resistance` (<https://gs1.org/voc/Resistance>).
    pub const RESISTANCE: MeasurementType = MeasurementType::from_static("Resistance");
    /// `Resistivity` (<https://gs1.org/voc/Resistivity>).
    pub const RESISTIVITY: MeasurementType = MeasurementType::from_static("Resistivity");
    /// `SolidAngle` (<https://gs1.org/voc/SolidAngle>).
    pub const SOLID_ANGLE: MeasurementType = MeasurementType::from_static("SolidAngle");
    /// `SpecificVolume` (<https://gs1.org/voc/SpecificVolume>).
    pub const SPECIFIC_VOLUME: MeasurementType = MeasurementType::from_static("SpecificVolume");
    /// `Speed` (<https://gs1.org/voc/Speed>).
    pub const SPEED: MeasurementType = MeasurementType::from_static("Speed");
    /// `SurfaceDensity` (<https://gs1.org/voc/SurfaceDensity>).
    pub const SURFACE_DENSITY: MeasurementType = MeasurementType::from_static("SurfaceDensity");
    /// `SurfaceTension` (<https://gs1.org/voc/SurfaceTension>).
    pub const SURFACE_TENSION: MeasurementType = MeasurementType::from_static("SurfaceTension");
    /// `Temperature` (<https://gs1.org/voc/Temperature>).
    pub const TEMPERATURE: MeasurementType = MeasurementType::from_static("Temperature");
    /// `Time` (<https://gs1.org/voc/Time>).
    pub const TIME: MeasurementType = MeasurementType::from_static("Time");
    /// `Torque` (<https://gs1.org/voc/Torque>).
    pub const TORQUE: MeasurementType = MeasurementType::from_static("Torque");
    /// `Voltage` (<https://gs1.org/voc/Voltage>).
    pub const VOLTAGE: MeasurementType = MeasurementType::from_static("Voltage");
    /// `Volume` (<https://gs1.org/voc/Volume>).
    pub const VOLUME: MeasurementType = MeasurementType::from_static("Volume");
    /// `VolumeFlowRate` (<https://gs1.org/voc/VolumeFlowRate>).
    pub const VOLUME_FLOW_RATE: MeasurementType = MeasurementType::from_static("VolumeFlowRate");
    /// `VolumeFraction` (<https://gs1.org/voc/VolumeFraction>).
    pub const VOLUME_FRACTION: MeasurementType = MeasurementType::from_static("VolumeFraction");
    /// `VolumetricFlux` (<https://gs1.org/voc/VolumetricFlux>).
    pub const VOLUMETRIC_FLUX: MeasurementType = MeasurementType::from_static("VolumetricFlux");
    /// `Wavenumber` (<https://gs1.org/voc/Wavenumber>).
    pub const WAVENUMBER: MeasurementType = MeasurementType::from_static("Wavenumber");
}
