"""The regulator's back office (``/office/``): licensing officers, inspectors and decision
makers work their cases here. Thin views over the selectors and services of licensing and
inspections."""
