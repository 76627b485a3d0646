"""Back-office forms: ``licensing`` for cases, licences and appeals, ``inspections`` for
inspections, concerns, fee violations and the standards."""
