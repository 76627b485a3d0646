"""Demo data: a register that looks and behaves like a real one (``manage.py seed_demo``)."""
