package io.servicelake.transforms.sim;

/** Complaint causes and the department each is routed to, as the seeds prescribe. */
enum ComplaintCause {
  QUALITY("quality", "rnd_production", "repaired", "replaced"),
  PACKAGING("packaging", "warehouse_transport", "replaced", "compensated"),
  STAFF_CONDUCT("staff_conduct", "service_management", "explained", "compensated"),
  DEALER("dealer", "dealer_coordination", "explained", "refunded"),
  MAJOR("major", "special_case", "compensated", "replaced");

  final String id;
  final String department;
  final String usualResolution;
  final String otherResolution;

  ComplaintCause(String id, String department, String usualResolution, String otherResolution) {
    this.id = id;
    this.department = department;
    this.usualResolution = usualResolution;
    this.otherResolution = otherResolution;
  }
}
