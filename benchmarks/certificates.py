"""How long a licence certificate PDF takes, against reportlab's own QR widget.

    .venv/bin/python benchmarks/certificates.py [N]

Migrates a throwaway SQLite database, creates a licence with conditions and N certificates,
then renders each certificate (fetched from the database, as a view would) and prints the
milliseconds per certificate, with and without page compression. The comparison renders the
same page with the QR code drawn by ``reportlab.graphics.barcode.qr.QrCodeWidget`` instead of
our segno drawing.
"""

import os
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["DATA_DIR"] = tempfile.mkdtemp(prefix="certificate-benchmark-")
os.environ.pop("DATABASE_URL", None)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.utils import timezone  # noqa: E402
from reportlab.graphics import renderPDF  # noqa: E402
from reportlab.graphics.barcode.qr import QrCodeWidget  # noqa: E402
from reportlab.graphics.shapes import Drawing  # noqa: E402

from licensing import pdfs  # noqa: E402
from licensing.models import Certificate, Licence, LicenceCondition  # noqa: E402
from registry.models import LabourProvider, Person, ProviderRole, Sector  # noqa: E402


def widget_qr(canvas, data, x, y, size):
    widget = QrCodeWidget(data, barLevel="M")
    left, bottom, right, top = widget.getBounds()
    drawing = Drawing(
        size, size, transform=[size / (right - left), 0, 0, size / (top - bottom), 0, 0]
    )
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, x, y)


def setup(count: int) -> list[int]:
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    provider = LabourProvider.objects.create(
        legal_name="Fenland Harvest Staffing Ltd",
        trading_names=["Fenland Pickers", "Harvest Crew"],
        registered_address="1 Market Street",
        town="Wisbech",
        postcode="PE13 1AA",
    )
    for code, name in [("agriculture", "Agriculture"), ("food-processing", "Food processing")]:
        provider.sectors.add(Sector.objects.get_or_create(code=code, defaults={"name": name})[0])
    person = Person.objects.create(full_name="Margaret Fenwick")
    ProviderRole.objects.create(
        person=person,
        provider=provider,
        role=ProviderRole.Role.PRINCIPAL_AUTHORITY,
        started_on=today - timedelta(days=400),
    )
    licence = Licence.objects.create(
        urn="FENL0001",
        provider=provider,
        granted_on=today - timedelta(days=200),
        expires_on=today + timedelta(days=165),
    )
    for number, text in enumerate(
        [
            "Give every worker an itemised payslip showing hours, rate and deductions.",
            "Keep records of working time for every worker for at least two years.",
            "Check that every transport provider is licensed and its vehicles insured.",
        ],
        start=1,
    ):
        LicenceCondition.objects.create(
            licence=licence,
            standard_code=f"5.{number}",
            standard_title="Working conditions",
            text=text,
            due_date=today + timedelta(days=30 * number),
        )
    Certificate.objects.bulk_create(
        Certificate(licence=licence, code=f"{n:012d}", valid_until=licence.expires_on)
        for n in range(count)
    )
    return list(Certificate.objects.values_list("pk", flat=True))


def measure(pks: list[int]) -> tuple[list[float], list[float], int]:
    """Wall-clock and CPU milliseconds per certificate: CPU time is the steadier figure on a
    machine that other work keeps busy."""
    wall, cpu, size = [], [], 0
    for pk in pks:
        start, start_cpu = time.perf_counter(), time.process_time()
        certificate = Certificate.objects.select_related("licence__provider").get(pk=pk)
        size = len(pdfs.licence_certificate_pdf(certificate))
        wall.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return wall, cpu, size


def report(name: str, wall: list[float], cpu: list[float], size: int):
    print(
        f"{name:<34} median {statistics.median(wall):6.2f} ms  mean {statistics.mean(wall):6.2f} ms"
        f"  (CPU median {statistics.median(cpu):6.2f} ms)  {len(wall)} certificates, {size} bytes"
    )


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    pks = setup(count)
    measure(pks[:10])  # warm up: font metrics, translations, query compilation
    report("segno drawn as rectangles (ours)", *measure(pks))
    pdfs.PAGE_COMPRESSION = 1
    measure(pks[:10])
    report("ours, with page compression", *measure(pks))
    pdfs.PAGE_COMPRESSION = 0
    pdfs._draw_qr = widget_qr
    measure(pks[:10])
    report("reportlab QrCodeWidget", *measure(pks))


if __name__ == "__main__":
    main()
