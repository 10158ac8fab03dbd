"""Certificates: 1,000 issued through a real Celery worker, and one render against a blank page.

Figures: certificates per second per worker core (credential signed, tagged PDF laid out, PAdES
signed, stored and numbered under the lock), one certificate's layout time against an empty page
from the same library (WeasyPrint, same fonts and stylesheet) in the same run, the cost of the QR
code, the credential and the PDF signature apart, the status list, and "My certificates" against
the minimal signed-in view.
"""

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

COUNT = int(os.environ.get("BENCH_CERTIFICATES", "1000"))
CONCURRENCY = max(1, min(2, os.cpu_count() or 1))
PREFIX = "BEN"
HOLDER = "bench-holder@example.lv"
RENDERS = 100


def setup(ctx) -> None:
    from accounts.models import Organisation, User
    from certificates.models import CertificateProgramme, HoursUnit
    from tests.factories import make_person

    municipality = Organisation.objects.create(name="Sertifikātu novads", kind=Organisation.Kind.MUNICIPALITY)
    school = Organisation.objects.create(name="Sertifikātu skola", kind=Organisation.Kind.SCHOOL, parent=municipality)
    CertificateProgramme.objects.create(
        number_prefix=PREFIX,
        title_lv="Jauniešu mentoringa pamati",
        title_en="Foundations of youth mentoring",
        approval_number="VIAA-PI-2025/117",
        approving_body_lv="Valsts izglītības attīstības aģentūra",
        hours=Decimal("36"),
        hours_unit=HoursUnit.ACADEMIC_45,
        provider_lv="Valsts izglītības attīstības aģentūra",
        signatory_name="Ilze Krūmiņa",
        signatory_title_lv="Programmas vadītāja",
    )
    User.objects.bulk_create(
        User(
            email=f"bench-mentor-{i:05d}@example.lv",
            first_name="Māra",
            last_name=f"Ābeļkalniņa-{i}",
            organisation=school,
            password="!",
        )
        for i in range(COUNT)
    )
    make_person(HOLDER, ["mentor"], school, first_name="Ģirts", last_name="Ķēniņš")


def _start_worker(ctx) -> subprocess.Popen:
    from lms.celery import app

    celery = str(Path(sys.executable).parent / "celery")
    app.control.purge()
    process = subprocess.Popen(
        [celery, "-A", "lms", "worker", f"--concurrency={CONCURRENCY}", "--pool=prefork", "--loglevel=WARNING"],
        cwd=Path(__file__).resolve().parent.parent,
        env={**os.environ, **ctx.env},
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if app.control.ping(timeout=1):
            return process
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("The Celery worker did not answer within 60 s.")


def _issue_through_worker(ctx) -> None:
    from accounts.models import User
    from certificates.models import Certificate, CertificateProgramme
    from certificates.tasks import issue_certificate_task

    programme = CertificateProgramme.objects.get(number_prefix=PREFIX)
    holder_ids = list(
        User.objects.filter(email__startswith="bench-mentor-").order_by("pk").values_list("pk", flat=True)
    )
    worker = _start_worker(ctx)
    try:
        started = time.perf_counter()
        for holder_id in holder_ids:
            issue_certificate_task.delay(holder_id, programme.pk)
        issued = 0
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline:
            issued = Certificate.objects.filter(programme=programme).count()
            if issued >= len(holder_ids):
                break
            time.sleep(0.1)
        elapsed = time.perf_counter() - started
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)
    serials = sorted(Certificate.objects.filter(programme=programme).values_list("serial", flat=True))
    gapless = serials == list(range(1, len(serials) + 1))
    print(
        f"  {issued} of {len(holder_ids)} issued in {elapsed:.1f} s by {CONCURRENCY} worker processes; "
        f"numbers gapless: {gapless}",
        flush=True,
    )
    ctx.report("certificates issued through the worker", issued / elapsed, "cert/s")
    ctx.report("certificates issued per second per core", issued / elapsed / CONCURRENCY, "cert/s/core")


def _render_times(ctx) -> None:
    from dataclasses import replace

    from certificates import credentials, pdf, signing
    from certificates.models import Certificate
    from certificates.services import credential_facts, document_for, status_list

    certificate = (
        Certificate.objects.select_related("programme", "holder").filter(programme__number_prefix=PREFIX).first()
    )
    # As issue_certificate does: the QR code is worked out before the lock, the rest under it.
    qr = pdf.qr_matrix(document_for(certificate).verification_url)
    document = replace(document_for(certificate), qr=qr)
    laid_out = pdf.render(document)
    pdf.render_blank()

    def per_call_ms(function, count=RENDERS) -> float:
        started = time.perf_counter()
        for _ in range(count):
            function()
        return (time.perf_counter() - started) / count * 1000

    blank = per_call_ms(pdf.render_blank)
    one = per_call_ms(lambda: pdf.render(document))
    ctx.report("blank A4 page with WeasyPrint (same fonts, stylesheet)", blank, "ms")
    ctx.report("one certificate laid out (tagged PDF/UA, vector QR, images)", one, "ms", blank)
    ctx.report(
        "QR code modules for one verification URL", per_call_ms(lambda: pdf.qr_matrix(document.verification_url)), "ms"
    )
    facts = credential_facts(certificate)
    ctx.report(
        "Open Badges credential built and signed (Ed25519)",
        per_call_ms(lambda: credentials.sign(credentials.credential(facts))),
        "ms",
    )
    ctx.report(
        "PAdES signature of one PDF (pyHanko)",
        per_call_ms(lambda: signing.sign_pdf(laid_out, reason="bench"), 30),
        "ms",
    )
    ctx.report("status list (DB read, cached signed list)", per_call_ms(lambda: status_list(0)), "ms")


def run(ctx) -> None:
    _issue_through_worker(ctx)
    _render_times(ctx)
    from accounts.models import User
    from certificates.models import CertificateProgramme
    from certificates.services import issue_certificate

    issue_certificate(User.objects.get(email=HOLDER), CertificateProgramme.objects.get(number_prefix=PREFIX), by=None)
    result = ctx.wrk("/certificates/mine/", user_email=HOLDER)
    ctx.report("My certificates page throughput", result.rps, "req/s", ctx.baseline.rps)
    ctx.report("My certificates page p95 latency", result.p95_ms, "ms", ctx.baseline.p95_ms)
    result = ctx.wrk("/certificates/status/0/")
    ctx.report("status list endpoint throughput (1,000 certificates)", result.rps, "req/s", ctx.baseline.rps)
