"""Synthetic country folders for scale tests and benchmarks (``migkg synth``).

:func:`generate` writes ``<out>/reference`` (a symlink to, or copy of, the shipped
reference layer) and ``<out>/countries/<ISO3>/`` in the template format
(docs/template.md): 30–80 actors of every type with parent chains (departments
and divisions under ministries, agencies under departments), 2–4 coordination
bodies with chairs, secretariats and members, 300–1,000 responsibilities (some
action-level, some narrowed to a category, some without a lead, a few objectives
left uncovered), instruments and sources. Every row cites a source; every source
is marked synthetic (title ``"Synthetic source …"``, URL under
``https://example.org/``), and every country name ends in ``(synthetic)``.

Real ISO3 codes are used (from a fixed list), but nothing else is real. Each
country is drawn from its own random stream seeded with ``(seed, ISO3)``, so the
same seed gives byte-identical files, and the first ``N`` countries are the same
whatever ``N`` is.
"""

from __future__ import annotations

import csv
import io
import os
import random
import shutil
from pathlib import Path

import yaml

from kg.paths import DEFAULT_DATA_DIR, countries_dir, reference_dir

# ISO 3166-1 alpha-3 codes and short names, in a fixed order (the first N are used).
COUNTRIES: tuple[tuple[str, str], ...] = (
    ("AFG", "Afghanistan"), ("ALB", "Albania"), ("DZA", "Algeria"), ("AND", "Andorra"), ("AGO", "Angola"),
    ("ATG", "Antigua and Barbuda"), ("ARG", "Argentina"), ("ARM", "Armenia"), ("AUS", "Australia"), ("AUT", "Austria"),
    ("AZE", "Azerbaijan"), ("BHS", "Bahamas"), ("BHR", "Bahrain"), ("BGD", "Bangladesh"), ("BRB", "Barbados"),
    ("BLR", "Belarus"), ("BEL", "Belgium"), ("BLZ", "Belize"), ("BEN", "Benin"), ("BTN", "Bhutan"),
    ("BOL", "Bolivia"), ("BIH", "Bosnia and Herzegovina"), ("BWA", "Botswana"), ("BRA", "Brazil"), ("BRN", "Brunei Darussalam"),
    ("BGR", "Bulgaria"), ("BFA", "Burkina Faso"), ("BDI", "Burundi"), ("CPV", "Cabo Verde"), ("KHM", "Cambodia"),
    ("CMR", "Cameroon"), ("CAN", "Canada"), ("CAF", "Central African Republic"), ("TCD", "Chad"), ("CHL", "Chile"),
    ("CHN", "China"), ("COL", "Colombia"), ("COM", "Comoros"), ("COG", "Congo"), ("CRI", "Costa Rica"),
    ("CIV", "Côte d'Ivoire"), ("HRV", "Croatia"), ("CUB", "Cuba"), ("CYP", "Cyprus"), ("CZE", "Czechia"),
    ("PRK", "Democratic People's Republic of Korea"), ("COD", "Democratic Republic of the Congo"), ("DNK", "Denmark"),
    ("DJI", "Djibouti"), ("DMA", "Dominica"), ("DOM", "Dominican Republic"), ("ECU", "Ecuador"), ("EGY", "Egypt"),
    ("SLV", "El Salvador"), ("GNQ", "Equatorial Guinea"), ("ERI", "Eritrea"), ("EST", "Estonia"), ("SWZ", "Eswatini"),
    ("ETH", "Ethiopia"), ("FJI", "Fiji"), ("FIN", "Finland"), ("FRA", "France"), ("GAB", "Gabon"),
    ("GMB", "Gambia"), ("GEO", "Georgia"), ("DEU", "Germany"), ("GHA", "Ghana"), ("GRC", "Greece"),
    ("GRD", "Grenada"), ("GTM", "Guatemala"), ("GIN", "Guinea"), ("GNB", "Guinea-Bissau"), ("GUY", "Guyana"),
    ("HTI", "Haiti"), ("HND", "Honduras"), ("HUN", "Hungary"), ("ISL", "Iceland"), ("IND", "India"),
    ("IDN", "Indonesia"), ("IRN", "Iran"), ("IRQ", "Iraq"), ("IRL", "Ireland"), ("ISR", "Israel"),
    ("ITA", "Italy"), ("JAM", "Jamaica"), ("JPN", "Japan"), ("JOR", "Jordan"), ("KAZ", "Kazakhstan"),
    ("KEN", "Kenya"), ("KIR", "Kiribati"), ("KWT", "Kuwait"), ("KGZ", "Kyrgyzstan"), ("LAO", "Lao People's Democratic Republic"),
    ("LVA", "Latvia"), ("LBN", "Lebanon"), ("LSO", "Lesotho"), ("LBR", "Liberia"), ("LBY", "Libya"),
    ("LIE", "Liechtenstein"), ("LTU", "Lithuania"), ("LUX", "Luxembourg"), ("MDG", "Madagascar"), ("MWI", "Malawi"),
    ("MYS", "Malaysia"), ("MDV", "Maldives"), ("MLI", "Mali"), ("MLT", "Malta"), ("MHL", "Marshall Islands"),
    ("MRT", "Mauritania"), ("MUS", "Mauritius"), ("MEX", "Mexico"), ("FSM", "Micronesia"), ("MCO", "Monaco"),
    ("MNG", "Mongolia"), ("MNE", "Montenegro"), ("MAR", "Morocco"), ("MOZ", "Mozambique"), ("MMR", "Myanmar"),
    ("NAM", "Namibia"), ("NRU", "Nauru"), ("NPL", "Nepal"), ("NLD", "Netherlands"), ("NZL", "New Zealand"),
    ("NIC", "Nicaragua"), ("NER", "Niger"), ("NGA", "Nigeria"), ("MKD", "North Macedonia"), ("NOR", "Norway"),
    ("OMN", "Oman"), ("PAK", "Pakistan"), ("PLW", "Palau"), ("PAN", "Panama"), ("PNG", "Papua New Guinea"),
    ("PRY", "Paraguay"), ("PER", "Peru"), ("PHL", "Philippines"), ("POL", "Poland"), ("PRT", "Portugal"),
    ("QAT", "Qatar"), ("KOR", "Republic of Korea"), ("MDA", "Republic of Moldova"), ("ROU", "Romania"), ("RUS", "Russian Federation"),
    ("RWA", "Rwanda"), ("KNA", "Saint Kitts and Nevis"), ("LCA", "Saint Lucia"), ("VCT", "Saint Vincent and the Grenadines"),
    ("WSM", "Samoa"), ("SMR", "San Marino"), ("STP", "Sao Tome and Principe"), ("SAU", "Saudi Arabia"), ("SEN", "Senegal"),
    ("SRB", "Serbia"), ("SYC", "Seychelles"), ("SLE", "Sierra Leone"), ("SGP", "Singapore"), ("SVK", "Slovakia"),
    ("SVN", "Slovenia"), ("SLB", "Solomon Islands"), ("SOM", "Somalia"), ("ZAF", "South Africa"), ("SSD", "South Sudan"),
    ("ESP", "Spain"), ("LKA", "Sri Lanka"), ("SDN", "Sudan"), ("SUR", "Suriname"), ("SWE", "Sweden"),
    ("CHE", "Switzerland"), ("SYR", "Syrian Arab Republic"), ("TJK", "Tajikistan"), ("THA", "Thailand"), ("TLS", "Timor-Leste"),
    ("TGO", "Togo"), ("TON", "Tonga"), ("TTO", "Trinidad and Tobago"), ("TUN", "Tunisia"), ("TUR", "Türkiye"),
    ("TKM", "Turkmenistan"), ("TUV", "Tuvalu"), ("UGA", "Uganda"), ("UKR", "Ukraine"), ("ARE", "United Arab Emirates"),
    ("GBR", "United Kingdom"), ("TZA", "United Republic of Tanzania"), ("USA", "United States of America"), ("URY", "Uruguay"),
    ("UZB", "Uzbekistan"), ("VUT", "Vanuatu"), ("VEN", "Venezuela"), ("VNM", "Viet Nam"), ("YEM", "Yemen"),
    ("ZMB", "Zambia"), ("ZWE", "Zimbabwe"), ("PSE", "State of Palestine"), ("VAT", "Holy See"),
)

ROLES = ("lead", "co-lead", "support", "consulted", "informed")
SYNTHETIC_HEADER = "# Synthetic country generated by `migkg synth"
"""The first line of every synthetic ``country.yaml``: synth replaces only folders that start with it."""
ROLE_WEIGHTS = (14, 4, 45, 22, 15)
STATUSES = ("mandated", "planned", "reported")
STATUS_WEIGHTS = (45, 30, 25)
INSTRUMENT_TYPES = ("act", "policy", "strategy", "framework", "plan", "rules")
INTERNATIONAL = ("outward", "inward", "transit", "return")
INTERNAL = ("rural_urban", "seasonal", "displacement")

MINISTRY_TOPICS = (
    "Foreign Affairs", "Home Affairs", "Labour and Employment", "Expatriates' Welfare", "Social Welfare", "Health",
    "Education", "Justice", "Finance", "Planning", "Disaster Management", "Women and Children Affairs", "Local Government",
    "Commerce", "Agriculture", "Environment and Climate Change", "Information", "Youth and Sports", "Law",
)
DEPARTMENT_TOPICS = (
    "Immigration", "Passports", "Consular Services", "Employment Promotion", "Statistics", "Border Management",
    "Social Protection", "Public Health", "Skills and Training", "Remittances", "Anti-Trafficking", "Civil Registration",
    "Refugee Affairs", "Labour Inspection", "Diaspora Engagement", "Climate Adaptation", "Relief and Rehabilitation",
)
AGENCY_KINDS = ("Bureau", "Authority", "Board", "Directorate", "Commission", "Office", "Institute", "Fund")
OTHER_KINDS = {
    "international_organization": ("International Organization for Migration office", "UNHCR office", "ILO country office", "UNICEF office", "UNDP office", "UN Women office"),
    "civil_society": ("Migrant Rights Forum", "Returnee Workers Association", "Diaspora Council", "Legal Aid Society", "Women Migrants Network", "Refugee Support Alliance"),
    "private_sector": ("Recruiting Agencies Association", "Chamber of Commerce", "Remittance Providers Association", "Employers Federation"),
    "development_partner": ("Development Cooperation Agency", "Migration Trust Fund", "Bilateral Partner Mission"),
    "academia": ("Migration Research Unit", "Centre for Population Studies", "Institute of Labour Studies"),
    "media": ("Migration Journalists Network", "Public Broadcaster"),
    "local_government": ("City Corporation", "District Council", "Municipal Authority", "Provincial Government"),
}
BODY_KINDS = ("National Migration Taskforce", "Inter-ministerial Committee on Migration", "GCM Implementation Working Group",
              "Anti-Trafficking Coordination Committee", "Disaster Displacement Working Group", "Reintegration Steering Committee")
VERBS = ("shall coordinate", "shall regulate", "shall support", "shall be consulted on", "shall be informed of", "shall implement",
         "shall monitor", "shall report on", "shall provide services for", "shall develop policies on")


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isascii() and c.isalnum() else "_" for c in text)
    while "__" in out:
        out = out.replace("__", "_")
    return out.strip("_")


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isupper())


def _csv(header: list[str], rows: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header, lineterminator="\n", extrasaction="raise")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def _reference_codes(reference: Path) -> tuple[list[int], dict[int, list[str]]]:
    with (reference / "gcm_objectives.csv").open(encoding="utf-8-sig", newline="") as handle:
        objectives = sorted(int(row["number"]) for row in csv.DictReader(handle))
    actions: dict[int, list[str]] = {n: [] for n in objectives}
    with (reference / "gcm_actions.csv").open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            actions.setdefault(int(row["objective"]), []).append(row["code"])
    return objectives, actions


def country_files(iso3: str, name: str, seed: int, objectives: list[int], actions: dict[int, list[str]]) -> dict[str, str]:
    """The five files of one synthetic country, as text (deterministic for ``(seed, iso3)``)."""
    rnd = random.Random(f"migration-kg-synth:{seed}:{iso3}")

    # -- sources -------------------------------------------------------------------------
    sources = []
    for i in range(rnd.randint(20, 60)):
        sid = f"src_{i + 1:03d}"
        year = rnd.randint(1995, 2024)
        sources.append({
            "id": sid,
            "title": f"Synthetic source {i + 1} for {name} ({year})",
            "publisher": "Synthetic data generator (migration-kg)",
            "year": year,
            "url": f"https://example.org/synthetic/{iso3.lower()}/{sid}",
        })
    source_ids = [s["id"] for s in sources]

    # -- actors --------------------------------------------------------------------------
    total = rnd.randint(30, 80)
    n_bodies = rnd.randint(2, 4)
    n_ministries = max(5, min(len(MINISTRY_TOPICS), total // 5))
    actors: list[dict] = []
    used: set[str] = set()

    def add(kind: str, label: str, parent: str = "") -> str:
        base = _slug(label)[:40].strip("_") or kind
        aid, n = base, 2
        while aid in used:
            aid, n = f"{base}_{n}", n + 1
        if n > 2:
            label = f"{label} No. {n - 1}"
        used.add(aid)
        established = ""
        roll = rnd.random()
        if roll < 0.3:
            established = str(rnd.randint(1950, 2023))
        elif roll < 0.4:
            established = f"{rnd.randint(1990, 2023)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
        aliases = f"{label} of {name}" if rnd.random() < 0.2 else ""
        actors.append({
            "id": aid, "name": f"{label}", "acronym": _acronym(label) if rnd.random() < 0.7 else "", "aliases": aliases,
            "type": kind, "parent": parent, "name_bn": "", "established": established,
            "source": rnd.choice(source_ids) if rnd.random() < 0.8 else "", "notes": "synthetic",
        })
        return aid

    ministries = [add("ministry", f"Ministry of {topic}") for topic in rnd.sample(MINISTRY_TOPICS, n_ministries)]
    bodies = [add("coordination_body", kind) for kind in rnd.sample(BODY_KINDS, n_bodies)]
    departments: list[str] = []
    government = list(ministries)
    others: list[str] = []
    topics = list(DEPARTMENT_TOPICS)
    rnd.shuffle(topics)
    # at least one full chain: an agency under a department under a ministry
    departments.append(add("department", f"Department of {topics.pop()}", rnd.choice(ministries)))
    government.append(departments[-1])
    government.append(add("agency", f"{rnd.choice(DEPARTMENT_TOPICS)} {rnd.choice(AGENCY_KINDS)}", departments[-1]))
    while len(actors) < total:
        roll = rnd.random()
        if roll < 0.28 and topics:  # department under a ministry
            aid = add("department", f"Department of {topics.pop()}", rnd.choice(ministries))
            departments.append(aid)
            government.append(aid)
        elif roll < 0.38:  # division under a ministry
            aid = add("division", f"{rnd.choice(DEPARTMENT_TOPICS)} Division", rnd.choice(ministries))
            government.append(aid)
        elif roll < 0.56:  # agency under a department (or a ministry)
            parent = rnd.choice(departments) if departments and rnd.random() < 0.7 else rnd.choice(ministries)
            aid = add("agency", f"{rnd.choice(DEPARTMENT_TOPICS)} {rnd.choice(AGENCY_KINDS)}", parent)
            government.append(aid)
        else:
            kind = rnd.choice(sorted(OTHER_KINDS))
            aid = add(kind, rnd.choice(OTHER_KINDS[kind]))
            (government if kind == "local_government" else others).append(aid)
    actor_ids = [a["id"] for a in actors]
    names = {a["id"]: a["name"] for a in actors}

    # -- coordination bodies -------------------------------------------------------------
    memberships = []
    members_of: dict[str, list[str]] = {}
    for body in bodies:
        chair = rnd.choice(ministries)
        pool = [a for a in government + others if a != chair]
        chosen = [chair] + rnd.sample(pool, min(len(pool), rnd.randint(4, 14)))
        for i, member in enumerate(chosen):
            role = "chair" if i == 0 else "co-chair" if i == 1 and rnd.random() < 0.4 else "secretariat" if i == 2 else "member"
            source = rnd.choice(source_ids)
            memberships.append({
                "body": body, "member": member, "role": role, "source": source,
                "evidence": f"Synthetic evidence: {names[member]} is a {role} of the {names[body]}." if rnd.random() < 0.6 else "",
                "locator": f"p. {rnd.randint(1, 80)}" if rnd.random() < 0.4 else "",
            })
            members_of.setdefault(body, []).append(member)

    # -- instruments ---------------------------------------------------------------------
    instruments = []
    for i in range(rnd.randint(5, 20)):
        itype = rnd.choice(INSTRUMENT_TYPES)
        year = rnd.randint(1990, 2024)
        iid = f"{itype}_{i + 1:02d}_{year}"
        objs = sorted(rnd.sample(objectives, rnd.randint(1, 5)))
        codes = [str(n) for n in objs]
        if rnd.random() < 0.4:
            n = rnd.choice(objs)
            if actions.get(n):
                codes.append(rnd.choice(actions[n]))
        cats = sorted(rnd.sample(INTERNATIONAL + INTERNAL, rnd.randint(0, 3)))
        instruments.append({
            "id": iid, "title": f"Synthetic {itype} {i + 1} of {name} ({year})", "type": itype, "year": year,
            "issued_by": rnd.choice(ministries + bodies), "objectives": ";".join(codes), "categories": ";".join(cats),
            "source": rnd.choice(source_ids), "url": f"https://example.org/synthetic/{iso3.lower()}/{iid}" if rnd.random() < 0.5 else "",
        })
    instrument_ids = [i["id"] for i in instruments]

    # -- categories in scope -------------------------------------------------------------
    scope = ["international"] + sorted(rnd.sample(INTERNATIONAL, rnd.randint(1, 4)), key=INTERNATIONAL.index)
    if rnd.random() < 0.7:
        scope += ["internal"] + sorted(rnd.sample(INTERNAL, rnd.randint(0, 3)), key=INTERNAL.index)
    row_categories = [c for c in scope] + [c for c in scope if c not in ("international", "internal")] * 2

    # -- responsibilities ----------------------------------------------------------------
    uncovered = set(rnd.sample(objectives, rnd.randint(1, 4)))
    no_lead = set(rnd.sample([o for o in objectives if o not in uncovered], rnd.randint(1, 4)))
    covered = [o for o in objectives if o not in uncovered]
    weights = [rnd.uniform(0.3, 3.0) for _ in covered]
    target_rows = rnd.randint(300, 1000)
    responsibilities: list[dict] = []
    seen: set[tuple] = set()

    def add_row(actor: str, target: str, role: str, category: str, source: str, row_id: str = "") -> None:
        seen.add((actor, target, role, category, source))
        status = rnd.choices(STATUSES, STATUS_WEIGHTS)[0]
        basis = rnd.choice(instrument_ids) if status == "mandated" or rnd.random() < 0.3 else ""
        verb = VERBS[ROLES.index(role) * 2 + rnd.randint(0, 1)]
        evidence = f"Synthetic evidence: the {names[actor]} {verb} GCM {target}." if rnd.random() < 0.5 else ""
        responsibilities.append({
            "actor": actor, "objective": target, "role": role, "category": category, "basis": basis, "source": source,
            "evidence": evidence, "status": status, "locator": f"s. {rnd.randint(1, 60)}" if rnd.random() < 0.5 else "",
            "id": row_id, "notes": "",
        })

    # Every covered objective has at least one row, held by a ministry.
    for number in covered:
        role = "support" if number in no_lead else rnd.choices(ROLES, ROLE_WEIGHTS)[0]
        add_row(rnd.choice(ministries), str(number), role, "", rnd.choice(source_ids))
    actor_weights = [3.0 if a in ministries else 2.0 if a in government else 1.0 if a in others else 0.6 for a in actor_ids]
    attempts = 0
    while len(responsibilities) < target_rows and attempts < target_rows * 20:
        attempts += 1
        actor = rnd.choices(actor_ids, actor_weights)[0]
        number = rnd.choices(covered, weights)[0]
        target = rnd.choice(actions[number]) if actions.get(number) and rnd.random() < 0.3 else str(number)
        role = rnd.choices(ROLES, ROLE_WEIGHTS)[0]
        if number in no_lead and role in ("lead", "co-lead"):
            role = "support"
        category = rnd.choice(row_categories) if rnd.random() < 0.6 else ""
        source = rnd.choice(source_ids)
        if (actor, target, role, category, source) in seen:
            continue
        row_id = f"{actor[:20].rstrip('_-')}-{target.replace('.', '')}-{len(responsibilities) + 1}" if rnd.random() < 0.15 else ""
        add_row(actor, target, role, category, source, row_id)

    meta = {
        "iso3": iso3, "name": f"{name} (synthetic)", "categories_in_scope": scope, "sources": sources,
    }
    header = f"{SYNTHETIC_HEADER} --seed {seed}`: every row and source is fake.\n"
    return {
        "country.yaml": header + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True, width=200),
        "actors.csv": _csv(["id", "name", "acronym", "aliases", "type", "parent", "name_bn", "established", "source", "notes"], actors),
        "coordination.csv": _csv(["body", "member", "role", "source", "evidence", "locator"], memberships),
        "instruments.csv": _csv(["id", "title", "type", "year", "issued_by", "objectives", "categories", "source", "url"], instruments),
        "responsibilities.csv": _csv(
            ["actor", "objective", "role", "category", "basis", "source", "evidence", "status", "locator", "id", "notes"], responsibilities,
        ),
    }


def check_count(countries: int) -> None:
    """``ValueError`` unless ``countries`` is between 1 and the number of ISO3 codes available."""
    if not 1 <= countries <= len(COUNTRIES):
        raise ValueError(f"--countries must be between 1 and {len(COUNTRIES)}, not {countries}")


def _is_synthetic(country_yaml: Path) -> bool:
    with country_yaml.open(encoding="utf-8", errors="replace") as handle:
        return handle.readline().startswith(SYNTHETIC_HEADER)


def generate(out: Path, countries: int = 190, seed: int = 0, reference: Path | None = None, copy_reference: bool = False) -> list[str]:
    """Write ``countries`` synthetic country folders and the reference layer under ``out``.

    Existing ``out/countries`` is replaced (only that folder and ``out/reference``
    are touched). Returns the ISO3 codes written.
    """
    check_count(countries)
    target = countries_dir(out)
    curated = sorted(p.parent.name for p in target.glob("*/country.yaml") if not _is_synthetic(p)) if target.is_dir() else []
    if curated:
        raise ValueError(f"{target} holds countries that are not synthetic ({', '.join(curated)}); "
                         "synth replaces that folder: choose another --out")
    reference = (reference or reference_dir(DEFAULT_DATA_DIR)).resolve()
    objectives, actions = _reference_codes(reference)
    out.mkdir(parents=True, exist_ok=True)
    ref_out = reference_dir(out)
    if ref_out.is_symlink() or ref_out.is_file():
        ref_out.unlink()
    elif ref_out.exists():
        shutil.rmtree(ref_out)
    if copy_reference:
        shutil.copytree(reference, ref_out)
    else:
        try:
            os.symlink(reference, ref_out, target_is_directory=True)
        except OSError:
            shutil.copytree(reference, ref_out)
    if target.exists():
        shutil.rmtree(target)
    written = []
    for iso3, name in COUNTRIES[:countries]:
        folder = target / iso3
        folder.mkdir(parents=True)
        for filename, text in country_files(iso3, name, seed, objectives, actions).items():
            (folder / filename).write_bytes(text.encode("utf-8"))
        written.append(iso3)
    return written
