"""The materials listing and search on 100,000 materials (Latvia ×10) against the minimal signed-in view."""

import random

from django.core.files.base import ContentFile

EMAIL = "bench-educator@example.lv"
COUNT = 100_000
WORDS = [
    "sadarbība", "kopiena", "mentors", "supervīzija", "vecāki", "skolēns", "atbalsts", "plāns", "grupa",
    "pedagogs", "rokasgrāmata", "veidne", "metodika", "uzticēšanās", "pašvaldība", "jaunietis", "intervīzija",
]  # fmt: skip


READ_ONLY = True  # run() only loads pages: run.py repeats it for the memory figure


def setup(ctx) -> None:
    from materials import audiences, results
    from materials.folding import fold
    from materials.models import Material, MaterialKind, MaterialVersion
    from tests.factories import make_person

    make_person(EMAIL, ["educator"], first_name="Bench")
    rng = random.Random(6)
    kinds = [audiences.PUBLIC, audiences.SIGNED_IN, audiences.ROLES]
    materials = []
    for number in range(COUNT):
        title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {number}"
        description = " ".join(rng.choices(WORDS, k=12))
        kind = kinds[number % 3]
        materials.append(
            Material(
                title=title,
                description=description,
                language="lv" if number % 4 else "en",
                kind=rng.choice(MaterialKind.values),
                year=2025 + number % 2,
                audience_kind=kind,
                audience_roles=rng.choice([",mentor,", ",educator,", ",mentor,educator,"]) if kind == "roles" else "",
                folded_text=fold(f"{title} {description}"),
            )
        )
    materials = Material.objects.bulk_create(materials, batch_size=1000)
    first = MaterialVersion(
        material=materials[0], number=1, original_name="bench.pdf", size=9, content_type="application/pdf"
    )
    first.file.save("bench.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    MaterialVersion.objects.bulk_create(
        [
            MaterialVersion(
                material=m,
                number=1,
                file=first.file.name,
                original_name="bench.pdf",
                size=9,
                content_type="application/pdf",
            )  # fmt: skip
            for m in materials[1:]
        ],
        batch_size=1000,
    )
    from django.db import connection

    with connection.cursor() as cursor:  # one statement where bulk_update would send 100 CASE expressions
        cursor.execute(
            f"UPDATE {Material._meta.db_table} AS m SET current_version_id = v.id"
            f" FROM {MaterialVersion._meta.db_table} AS v WHERE v.material_id = m.id"
        )
    for material in materials[:2000]:
        material.tags.add(rng.choice(["sadarbība", "mentorings", "supervīzija"]))
    with connection.cursor() as cursor:  # as autovacuum would after a bulk load: fresh planner statistics
        cursor.execute("ANALYZE")
    results.changed()  # bulk inserts and UPDATE send no signals


def run(ctx) -> None:
    base = ctx.baseline
    for label, path in [
        ("materials listing, page 1", "/materials/"),
        ("materials listing, page 40", "/materials/?page=40"),
        ("materials search “sadarbiba” (no diacritics)", "/materials/?q=sadarbiba"),
        ("materials search with filters", "/materials/?q=mentors+plans&language=lv&year=2026"),
    ]:
        result = ctx.wrk(path, user_email=EMAIL)
        if result.non_2xx or result.errors:
            print(f"  {label}: {result.non_2xx} non-2xx answers, {result.errors} errors", flush=True)
        ctx.report(f"{label} throughput", result.rps, "req/s", base.rps)
        ctx.report(f"{label} p95 latency", result.p95_ms, "ms", base.p95_ms)
