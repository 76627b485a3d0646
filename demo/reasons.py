"""What the demo's decisions say: additional licence conditions (standard code, standard
title, text), and reasons for revoking a licence or refusing an application."""

CONDITIONS = [
    (
        "2.3",
        "Workers receive itemised payslips",
        "Issue itemised payslips to every worker each pay period.",
    ),
    (
        "5.1",
        "Working time rules are kept: weekly hours, rest breaks and records of hours",
        "Record workers' hours accurately and share the records.",
    ),
    (
        "6.1",
        "Workers are transported safely",
        "Carry out and record a transport safety check each week.",
    ),
    (
        "7.2",
        "Workers have written contracts",
        "Give every worker a written contract before work starts.",
    ),
    (
        "4.1",
        "Accommodation provided or arranged for workers is safe and of suitable quality",
        "Bring the accommodation at the farm site up to standard.",
    ),
    (
        "7.3",
        "There are agreements with labour users",
        "Put written agreements in place with labour users.",
    ),
    (
        "2.4",
        "Deductions from pay and charges to workers are lawful, agreed and itemised",
        "Repay the transport charges deducted from wages.",
    ),
]
REVOCATION_REASONS = [
    "Workers were charged work-finding fees (standard 7.1, critical).",
    "Workers' identity documents were retained by the provider (critical failure).",
    "Wages were withheld from workers for several weeks (critical failure).",
    "Additional licence conditions on payslips and contracts were breached.",
    "The Principal Authority is not fit and proper (standard 1.1).",
]
REFUSAL_REASONS = [
    "The Principal Authority failed the fit and proper test (standard 1.1).",
    "The application inspection scored 38 points: accommodation and pay failures.",
    "The provider could not show that workers are paid at least the minimum wage.",
]
