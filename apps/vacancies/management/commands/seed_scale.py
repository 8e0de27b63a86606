"""Fill the configured PostgreSQL database with a job board at scale, for benchmarks.

    python manage.py seed_scale --vacancies 100000 --organizations 2000 --profiles 50000

Verified organizations; published, unexpired vacancies with varied life-sciences titles and
descriptions, sectors, contracts, cities and salaries; and job seekers whose talent profiles
verified organizations may search. The same `--seed` gives the same data (dates are counted
back from now, so the vacancies are live whenever it runs). Rows go in with COPY in one
transaction; the GIN indexes are rebuilt once after the load instead of row by row, and the
database triggers compute every search vector, and the board's listing, on the way in.
"""

import json
import random
import time
from datetime import date, timedelta

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from apps.organizations.models import Organization, Sector
from apps.talent.models import LANGUAGES, ContractType, Discipline, EducationLevel, Visibility
from apps.vacancies.models import Experience, Workplace
from apps.vacancies.services import vacancy_closing_time

SLUG_PREFIX = "scale-"
EMAIL_DOMAIN = "scale.example.org"
GIN_INDEXES = {
    "vacancy_search_vector_gin": "vacancies_vacancy",
    "board_listing_search_vector_gin": "vacancies_board_listing",
    "talent_profile_search_vector_gin": "talent_talentprofile",
}

CITIES = [
    ("Ghent", 14),
    ("Leuven", 12),
    ("Antwerp", 10),
    ("Brussels", 10),
    ("Mechelen", 6),
    ("Hasselt", 4),
    ("Geel", 3),
    ("Beerse", 3),
    ("Zwijnaarde", 3),
    ("Kortrijk", 2),
    ("Bruges", 2),
    ("Diepenbeek", 2),
    ("Niel", 2),
    ("Puurs", 2),
    ("Aalst", 1),
    ("Lochristi", 1),
    ("Wetteren", 1),
    ("Liège", 3),
    ("Louvain-la-Neuve", 3),
    ("Wavre", 2),
    ("Gosselies", 2),
    ("Namur", 1),
    ("Charleroi", 1),
    ("Turnhout", 1),
    ("Sint-Niklaas", 1),
    ("Oostende", 1),
    ("Genk", 1),
    ("Roeselare", 1),
    ("Herentals", 1),
    ("Eindhoven", 1),
]
NAME_STARTS = [
    "Scheldt",
    "Leie",
    "Dijle",
    "Demer",
    "Nete",
    "Kempen",
    "Zenne",
    "Durme",
    "Ijzer",
    "Maas",
    "Lys",
    "Brabant",
    "Hageland",
    "Waas",
    "Meetjes",
    "Polder",
    "Haspengouw",
    "Vlaanderen",
    "Gent",
    "Arden",
    "Noord",
    "Oost",
    "West",
    "Zuid",
    "Helix",
    "Nova",
    "Argo",
    "Orion",
    "Vesta",
    "Lumen",
    "Aurora",
    "Kern",
    "Bron",
    "Veld",
    "Duin",
    "Beuk",
    "Linde",
    "Eik",
    "Wilg",
    "Berk",
]
NAME_ROOTS = [
    "Bio",
    "Gen",
    "Immuno",
    "Thera",
    "Pharma",
    "Cell",
    "Protein",
    "Vaccine",
    "Agro",
    "Plant",
    "Medi",
    "Neuro",
    "Onco",
    "Antibody",
    "Enzyme",
    "Micro",
    "Diagnostic",
    "Genome",
    "Peptide",
    "Vector",
    "Cure",
    "Life",
    "Crop",
    "Seed",
    "Ferment",
    "Tissue",
    "Organoid",
    "Sensor",
    "Data",
    "Molecular",
]
NAME_ENDS = [
    "Biologics",
    "Therapeutics",
    "Sciences",
    "Labs",
    "Pharma",
    "Diagnostics",
    "Genomics",
    "Biotech",
    "Medical",
    "Solutions",
    "Analytics",
    "Systems",
]
SENIORITY = ["", "", "Junior ", "Senior ", "Lead ", "Principal ", "Associate "]
ROLES = [
    "Scientist",
    "Research Associate",
    "Bioinformatician",
    "Data Scientist",
    "Laboratory Technician",
    "Process Engineer",
    "QA Officer",
    "QC Analyst",
    "Regulatory Affairs Specialist",
    "Clinical Research Associate",
    "Project Manager",
    "Business Developer",
    "Medical Science Liaison",
    "Software Engineer",
    "Validation Engineer",
    "Production Operator",
    "Formulation Scientist",
    "Analytical Chemist",
    "Plant Breeder",
    "Field Trial Manager",
    "Immunologist",
    "Cell Biologist",
    "Statistician",
    "Pharmacovigilance Officer",
    "Supply Chain Planner",
    "Manufacturing Engineer",
    "Product Manager",
    "Patent Attorney",
    "Lab Manager",
    "Automation Engineer",
    "Microbiologist",
    "Toxicologist",
    "Quality Engineer",
    "Research Engineer",
    "Computational Biologist",
    "Protein Engineer",
    "Clinical Data Manager",
    "Study Director",
    "Technology Transfer Officer",
    "Application Specialist",
]
AREAS = [
    "Antibody Discovery",
    "Cell Therapy",
    "Gene Therapy",
    "mRNA Vaccines",
    "Single-Cell Genomics",
    "Protein Purification",
    "Upstream Processing",
    "Downstream Processing",
    "GMP Manufacturing",
    "Clinical Operations",
    "Medical Devices",
    "In Vitro Diagnostics",
    "Crop Protection",
    "Plant Genomics",
    "Gene Editing",
    "Precision Fermentation",
    "Microbiome",
    "Immuno-Oncology",
    "Neurodegeneration",
    "Rare Diseases",
    "Biomarkers",
    "Drug Safety",
    "Bioprocess Development",
    "Analytical Development",
    "Digital Health",
    "Machine Learning",
    "Structural Biology",
    "Flow Cytometry",
    "Mass Spectrometry",
    "Viral Vectors",
    "Organoids",
    "Biostatistics",
    "Quality Control",
    "Regulatory CMC",
    "Market Access",
    "Sustainable Chemistry",
    "Food Technology",
    "Animal Health",
    "Radiopharmaceuticals",
    "Lab Automation",
]
TOPICS = [
    "antibody engineering",
    "CRISPR gene editing",
    "single-cell sequencing",
    "mRNA vaccines",
    "viral vector production",
    "protein purification",
    "cell line development",
    "GMP batch release",
    "clinical trial monitoring",
    "biomarker discovery",
    "next-generation sequencing",
    "mass spectrometry",
    "HPLC method validation",
    "flow cytometry",
    "organoid models",
    "CAR-T cell therapy",
    "plant phenotyping",
    "precision fermentation",
    "microbiome research",
    "medical device software",
    "in vitro diagnostics",
    "pharmacovigilance",
    "regulatory submissions",
    "process analytical technology",
    "bioreactor scale-up",
    "lab automation",
    "machine learning",
    "statistical modelling",
    "immunoassays",
    "structural biology",
    "drug formulation",
    "enzyme engineering",
    "crop trials",
    "animal models",
    "radioligand therapy",
]
SENTENCES = [
    "You join a team of {n} people working on {topic}.",
    "Our {topic} programme moves from the lab to the clinic this year.",
    "You design, run and report experiments in {topic} and {topic2}.",
    "You work closely with colleagues in {topic2} and with academic partners at {partner}.",
    "We are a {kind} in {city} with a pipeline built on {topic}.",
    "The role combines hands-on work in {topic} with data analysis in Python or R.",
    "You help scale up {topic} from pilot to commercial production.",
    "You keep our {topic} work compliant with GMP, GLP and ISO requirements.",
    "Our customers rely on our expertise in {topic} and {topic2}.",
    "You present your results to project teams and contribute to publications and patents.",
    "The position is funded for {years} years with a clear path to a permanent contract.",
    "We offer training, a hybrid schedule and a conference budget (Knowledge for Growth).",
]
# A quarter of the board in Dutch and a tenth in French, as Flemish and French-speaking
# organizations write them (technical terms often stay English).
LANGUAGE_SHARES = [("en", 65), ("nl", 25), ("fr", 10)]
ROLES_NL = [
    "Onderzoeker",
    "Onderzoeksmedewerker",
    "Laborant",
    "Procesingenieur",
    "Kwaliteitsmedewerker",
    "Analist kwaliteitscontrole",
    "Projectleider",
    "Productieoperator",
    "Bio-informaticus",
    "Validatie-ingenieur",
    "Labomanager",
    "Klinisch onderzoeksmedewerker",
    "Plantenveredelaar",
    "Microbioloog",
    "Automatiseringsingenieur",
]
ROLES_FR = [
    "Chercheur",
    "Chercheuse",
    "Technicien de laboratoire",
    "Technicienne de laboratoire",
    "Ingénieur procédés",
    "Ingénieure qualité",
    "Analyste contrôle qualité",
    "Chef de projet",
    "Opérateur de production",
    "Bio-informaticienne",
    "Attaché de recherche clinique",
    "Responsable des affaires réglementaires",
    "Directrice de laboratoire",
    "Microbiologiste",
    "Coordinatrice d'études cliniques",
]
SENTENCES_NL = [
    "U komt terecht in een team van {n} mensen dat werkt rond {topic}.",
    "U ontwerpt experimenten in {topic} en rapporteert de resultaten aan het projectteam.",
    "U werkt nauw samen met collega's in {topic2} en met academische partners van {partner}.",
    "Wij zijn een {kind} in {city} met een pijplijn gebouwd op {topic}.",
    "U helpt {topic} op te schalen van pilootfase naar commerciële productie.",
    "U zorgt ervoor dat ons werk in {topic} voldoet aan GMP en ISO-normen.",
]
SENTENCES_FR = [
    "Vous rejoignez une équipe de {n} personnes qui travaille sur {topic}.",
    "Vous concevez des expériences en {topic} et présentez les résultats à l'équipe projet.",
    "Vous collaborez avec nos collègues en {topic2} et avec nos partenaires de {partner}.",
    "Nous sommes une {kind} établie à {city}, avec un portefeuille fondé sur {topic}.",
    "Vous contribuez à la mise à l'échelle de {topic}, du pilote à la production.",
    "Vous veillez à la conformité de nos travaux en {topic} avec les BPF et les normes ISO.",
]
REQUIREMENTS_NL = [
    "Een master of doctoraat in {field}",
    "Minstens {years} jaar ervaring in {topic}",
    "U spreekt vlot Nederlands en Engels",
    "Ervaring in een GMP- of GLP-omgeving",
    "U bent een teamspeler die graag kennis deelt",
]
REQUIREMENTS_FR = [
    "Un master ou un doctorat en {field}",
    "Au moins {years} ans d'expérience en {topic}",
    "Vous parlez couramment le français et l'anglais",
    "Une expérience en environnement BPF ou BPL",
    "Vous aimez travailler en équipe et partager vos connaissances",
]
PARTNERS = ["VIB", "Ghent University", "KU Leuven", "UAntwerpen", "VUB", "UHasselt", "imec", "VITO"]
REQUIREMENTS = [
    "A master's degree or PhD in {field}",
    "At least {years} years of experience in {topic}",
    "Hands-on experience with {topic}",
    "Fluent English; Dutch or French is a plus",
    "Experience in a GMP or GLP environment",
    "Programming skills in Python or R",
    "Strong communication and planning skills",
    "A team player who likes to share knowledge",
]
FIELDS = [
    "biology",
    "bioscience engineering",
    "chemistry",
    "pharmaceutical sciences",
    "bioinformatics",
    "biomedical sciences",
    "chemical engineering",
    "medicine",
    "statistics",
    "agronomy",
]
FIRST_NAMES = [
    "Emma",
    "Lars",
    "Noor",
    "Wout",
    "Lotte",
    "Arne",
    "Fien",
    "Jonas",
    "Ines",
    "Thomas",
    "Sara",
    "Pieter",
    "Elise",
    "Bram",
    "Marie",
    "Louis",
    "Julie",
    "Lucas",
    "Hanne",
    "Milan",
    "Amira",
    "Youssef",
    "Sofia",
    "Mateo",
    "Olga",
    "Tomasz",
    "Chloé",
    "Antoine",
    "Léa",
    "Hugo",
    "Priya",
    "Wei",
    "Yuki",
    "Ana",
    "Giulia",
    "Kemal",
]
LAST_NAMES = [
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Dubois",
    "Lambert",
    "Dupont",
    "Martin",
    "Vermeulen",
    "Van den Broeck",
    "Hermans",
    "Aerts",
    "Desmet",
    "Leroy",
    "El Amrani",
    "Kowalski",
    "Rossi",
    "García",
    "Nguyen",
    "Yilmaz",
]
SKILLS = [
    "python",
    "r",
    "sql",
    "crispr",
    "qpcr",
    "elisa",
    "western blot",
    "flow cytometry",
    "facs",
    "hplc",
    "lc-ms",
    "mass spectrometry",
    "cell culture",
    "gmp",
    "glp",
    "iso 13485",
    "capa",
    "deviation management",
    "bioreactors",
    "chromatography",
    "ngs",
    "single-cell rna-seq",
    "nextflow",
    "snakemake",
    "machine learning",
    "pytorch",
    "statistics",
    "sas",
    "clinical trials",
    "ich-gcp",
    "regulatory affairs",
    "ectd",
    "pharmacovigilance",
    "project management",
    "antibody engineering",
    "protein purification",
    "microscopy",
    "confocal microscopy",
    "animal handling",
    "plant breeding",
    "field trials",
    "fermentation",
    "dna cloning",
    "immunohistochemistry",
    "bioinformatics",
    "docker",
    "linux",
    "lims",
    "validation",
    "technology transfer",
    "business development",
    "market access",
    "medical writing",
]
HEADLINES = [
    "{role} with {years} years in {topic}",
    "{role} specialised in {topic}",
    "PhD in {field}, experienced in {topic}",
    "{role} looking for a next step in {topic}",
    "Recent graduate in {field} with a thesis on {topic}",
]
SUMMARIES = [
    "I have worked on {topic} and {topic2} in academic and industrial labs.",
    "My background is in {field}; I like turning data into decisions.",
    "I led projects in {topic} from the first experiment to the technology transfer.",
    "I am looking for a team in {city} where I can grow in {topic2}.",
    "I published on {topic} and presented at international conferences.",
    "I enjoy mentoring students and improving how a lab works.",
]
COMPANY_KINDS = [
    "biotech company",
    "pharmaceutical company",
    "medtech scale-up",
    "research spin-off",
]


def _weighted(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


class Command(BaseCommand):
    help = "Fill the configured PostgreSQL database with a job board at scale (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--vacancies", type=int, default=100_000)
        parser.add_argument("--organizations", type=int, default=2_000)
        parser.add_argument("--profiles", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2026, help="same seed, same data")

    def handle(self, *args, vacancies: int, organizations: int, profiles: int, seed: int, **opts):
        if not settings.USES_POSTGRES:
            raise CommandError("seed_scale loads with PostgreSQL's COPY: set DATABASE_URL.")
        if min(vacancies, profiles) < 0 or organizations < 1:
            raise CommandError("Give at least one organization, and no negative counts.")
        if Organization.objects.filter(slug__startswith=SLUG_PREFIX).exists():
            raise CommandError(
                "This database holds scale data already; seed an empty database instead."
            )
        self.rng = random.Random(seed)
        self.seed = seed
        self.now = timezone.now()
        self.sectors = list(Sector.objects.values_list("slug", flat=True))
        if not self.sectors:
            raise CommandError("No sectors: run `manage.py migrate` first.")
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            self.cursor = cursor
            self._step("dropping the GIN indexes for the load", self._drop_gin_indexes)
            organization_ids = self._step(
                f"{organizations:,} verified organizations", self._organizations, organizations
            )
            self._step(
                f"{vacancies:,} published vacancies",
                self._vacancies,
                vacancies,
                organization_ids,
            )
            self._step(f"{profiles:,} job seekers with talent profiles", self._profiles, profiles)
            self._step("rebuilding the GIN indexes", self._create_gin_indexes)
        self._step("VACUUM ANALYZE", self._vacuum)
        elapsed = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS("Summary"))
        self.stdout.write(f"  organizations         {organizations:>10,}")
        self.stdout.write(f"  vacancies             {vacancies:>10,}")
        self.stdout.write(f"  talent profiles       {profiles:>10,}")
        self.stdout.write(f"  seed                  {seed:>10}")
        self.stdout.write(f"  total time            {elapsed:>9.1f}s")
        rows = organizations + vacancies + 2 * profiles
        self.stdout.write(f"  rows per second       {rows / elapsed:>10,.0f}")

    # --- steps ----------------------------------------------------------------------------

    def _step(self, label: str, function, *args):
        self.stdout.write(f"  {label}…", ending="")
        self.stdout.flush()
        began = time.perf_counter()
        result = function(*args)
        self.stdout.write(f" {time.perf_counter() - began:.1f}s")
        return result

    def _progress(self, done: int, total: int) -> None:
        if total >= 20_000 and done % (total // 5) == 0:
            self.stdout.write(f" {done * 100 // total}%", ending="")
            self.stdout.flush()

    def _reserve_ids(self, table: str, count: int) -> int:
        """A block of `count` ids from the table's sequence; returns the first."""
        self.cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", [table])
        first = self.cursor.fetchone()[0]
        if count > 1:
            self.cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, first + count - 1]
            )
        return first

    def _drop_gin_indexes(self) -> None:
        # Foreign keys are checked at commit: the vacancies' sectors go in before them.
        self.cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for index in GIN_INDEXES:
            self.cursor.execute(f"DROP INDEX IF EXISTS {index}")

    def _create_gin_indexes(self) -> None:
        # The foreign keys are checked at commit; an index cannot be built with checks pending.
        self.cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        self.cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for index, table in GIN_INDEXES.items():
            self.cursor.execute(f"CREATE INDEX {index} ON {table} USING gin (search_vector)")

    def _vacuum(self) -> None:
        # VACUUM sets the visibility map for index-only scans; inside an outer transaction
        # (a test) only ANALYZE may run.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)"
        with connection.cursor() as cursor:
            for table in (
                "organizations_organization",
                "organizations_organization_sectors",
                "vacancies_vacancy",
                "vacancies_vacancy_sectors",
                "vacancies_board_listing",
                "accounts_user",
                "talent_talentprofile",
            ):
                cursor.execute(f"{command} {table}")

    def _organizations(self, count: int) -> list[tuple[int, str, str]]:
        rng = self.rng
        combinations = [
            f"{start} {root} {end}"
            for start in NAME_STARTS
            for root in NAME_ROOTS
            for end in NAME_ENDS
        ]
        rng.shuffle(combinations)
        first = self._reserve_ids("organizations_organization", count)
        rows, created = [], []
        for offset in range(count):
            pk = first + offset
            name = combinations[offset % len(combinations)]
            if offset >= len(combinations):
                name = f"{name} {offset // len(combinations) + 1}"
            slug = f"{SLUG_PREFIX}{pk}"
            city = _weighted(rng, CITIES)
            kind = rng.choices(
                ["company", "research_institute", "university", "service_provider"],
                weights=[80, 8, 4, 8],
            )[0]
            rows.append(
                (
                    pk,
                    name,
                    slug,
                    kind,
                    f"{name} works on {rng.choice(TOPICS)} from {city}.",
                    f"https://{slug}.example.org",
                    city,
                    "",
                    rng.randint(1980, 2024),
                    rng.choice(["1-10", "11-50", "51-200", "201-500"]),
                    "",
                    rng.random() < 0.4,
                    True,
                    self.now,
                    self.now,
                    self.now,
                )
            )
            created.append((pk, name, city))
        self._copy(
            "organizations_organization",
            "id, name, slug, kind, description, website, city, address, founded_year, size_band,"
            " logo, is_member, verified, verified_at, created_at, updated_at",
            rows,
        )
        links = [
            (organization_id, sector)
            for organization_id, _, _ in created
            for sector in rng.sample(self.sectors, rng.choice([1, 1, 2]))
        ]
        self._copy("organizations_organization_sectors", "organization_id, sector_id", links)
        return created

    def _values(self, topic: str, city: str, rng: random.Random) -> dict:
        return {
            "topic": topic,
            "topic2": rng.choice(TOPICS),
            "partner": rng.choice(PARTNERS),
            "kind": rng.choice(COMPANY_KINDS),
            "city": city,
            "n": rng.randint(4, 40),
            "years": rng.randint(2, 6),
            "field": rng.choice(FIELDS),
        }

    def _description(self, topic: str, city: str) -> str:
        rng = self.rng
        values = self._values(topic, city, rng)
        paragraphs = []
        for _ in range(3):
            sentences = rng.sample(SENTENCES, 2)
            paragraphs.append("<p>" + " ".join(s.format(**values) for s in sentences) + "</p>")
        requirements = "".join(
            f"<li>{r.format(**values)}</li>" for r in rng.sample(REQUIREMENTS, 4)
        )
        return (
            "".join(paragraphs) + f"<p><strong>What you bring</strong></p><ul>{requirements}</ul>"
        )

    def _in_language(self, language: str, area: str, values: dict) -> tuple[str, str]:
        """A Dutch or French title and description, from the language's own generator."""
        rng = self.language_rng
        roles, sentences, requirements, heading = {
            "nl": (ROLES_NL, SENTENCES_NL, REQUIREMENTS_NL, "Uw profiel"),
            "fr": (ROLES_FR, SENTENCES_FR, REQUIREMENTS_FR, "Votre profil"),
        }[language]
        paragraphs = "".join(
            "<p>" + " ".join(s.format(**values) for s in rng.sample(sentences, 2)) + "</p>"
            for _ in range(2)
        )
        listed = "".join(f"<li>{r.format(**values)}</li>" for r in rng.sample(requirements, 3))
        description = f"{paragraphs}<p><strong>{heading}</strong></p><ul>{listed}</ul>"
        return f"{rng.choice(roles)} – {area}", description

    def _vacancies(self, count: int, organizations: list[tuple[int, str, str]]) -> None:
        if not count:
            return
        rng = self.rng
        lifetime = settings.VACANCY_LIFETIME_DAYS
        first = self._reserve_ids("vacancies_vacancy", count)
        contracts = list(zip(ContractType.values, [40, 20, 8, 10, 12, 10], strict=True))
        experiences = list(zip(Experience.values, [8, 30, 37, 25], strict=True))
        workplaces = list(zip(Workplace.values, [50, 40, 10], strict=True))
        disciplines = Discipline.values
        # A few organizations post most vacancies, as on a real board.
        weights = [1 / (rank + 1) ** 0.6 for rank in range(len(organizations))]
        columns = (
            "id, title, slug, description, language, city, workplace, contract, experience,"
            " discipline,"
            " salary_min, salary_max, apply_url, application_email, status, reviewer_note,"
            " published_at, expires_at, submitted_at, created_at, updated_at, organization_id"
        )
        # The sectors go in first (the foreign keys are checked at commit), so the database
        # lists each vacancy with its sectors as it arrives, instead of rewriting every
        # listing afterwards. They have a generator of their own to stay the same per seed.
        sector_rng = random.Random(f"{self.seed}:sectors")
        # The languages too, so the rest of the data stays the same per seed.
        self.language_rng = random.Random(f"{self.seed}:languages")
        self._copy(
            "vacancies_vacancy_sectors",
            "vacancy_id, sector_id",
            (
                (first + offset, sector)
                for offset in range(count)
                for sector in sector_rng.sample(self.sectors, sector_rng.choice([1, 1, 2]))
            ),
        )
        with self.cursor.copy(f"COPY vacancies_vacancy ({columns}) FROM STDIN") as copy:
            for offset in range(count):
                pk = first + offset
                organization_id, _, home = rng.choices(organizations, weights=weights)[0]
                area = rng.choice(AREAS)
                title = f"{rng.choice(SENIORITY)}{rng.choice(ROLES)} – {area}"
                city = home if rng.random() < 0.7 else _weighted(rng, CITIES)
                salary_min = salary_max = None
                if rng.random() < 0.6:
                    salary_min = rng.randrange(30_000, 80_000, 1_000)
                    salary_max = salary_min + rng.randrange(5_000, 30_000, 1_000)
                # Spread over the whole lifetime: every vacancy is live, and some expire soon.
                published_at = self.now - timedelta(seconds=rng.randrange(lifetime * 86_400))
                topic = area.lower() if rng.random() < 0.5 else rng.choice(TOPICS)
                description = self._description(topic, city)
                language = _weighted(self.language_rng, LANGUAGE_SHARES)
                if language != "en":
                    title, description = self._in_language(
                        language, area, self._values(topic, city, self.language_rng)
                    )
                copy.write_row(
                    (
                        pk,
                        title,
                        f"{SLUG_PREFIX}{pk}",
                        description,
                        language,
                        city,
                        _weighted(rng, workplaces),
                        _weighted(rng, contracts),
                        _weighted(rng, experiences),
                        rng.choice(disciplines),
                        salary_min,
                        salary_max,
                        "" if rng.random() < 0.8 else f"https://jobs.example.org/{pk}",
                        "",
                        "published",
                        "",
                        published_at,
                        vacancy_closing_time(start=published_at),
                        published_at,
                        published_at,
                        published_at,
                        organization_id,
                    )
                )
                self._progress(offset + 1, count)

    def _profiles(self, count: int) -> None:
        if not count:
            return
        rng = self.rng
        first = self._reserve_ids("accounts_user", count)
        users = []
        for offset in range(count):
            pk = first + offset
            users.append(
                (
                    pk,
                    "!",
                    False,
                    f"seeker-{pk}@{EMAIL_DOMAIN}",
                    rng.choice(FIRST_NAMES),
                    rng.choice(LAST_NAMES),
                    False,
                    True,
                    self.now,
                )
            )
        self._copy(
            "accounts_user",
            "id, password, is_superuser, email, first_name, last_name, is_staff, is_active,"
            " date_joined",
            users,
        )
        others = [code for code in list(LANGUAGES)[:5] if code != "en"]
        columns = (
            "id, headline, summary, skills, disciplines, languages, contract_types,"
            " education_level, years_of_experience, city, available_from, visibility,"
            " created_at, updated_at, user_id"
        )
        visible = [Visibility.VERIFIED_COMPANIES, Visibility.PUBLIC]
        today = date.today()
        with self.cursor.copy(f"COPY talent_talentprofile ({columns}) FROM STDIN") as copy:
            for offset in range(count):
                years = rng.choice([0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20])
                city = _weighted(rng, CITIES)
                values = {
                    "role": rng.choice(ROLES),
                    "years": years,
                    "topic": rng.choice(TOPICS),
                    "topic2": rng.choice(TOPICS),
                    "field": rng.choice(FIELDS),
                    "city": city,
                }
                updated = self.now - timedelta(minutes=rng.randrange(60 * 24 * 365))
                copy.write_row(
                    (
                        f"{rng.getrandbits(128):032x}",
                        rng.choice(HEADLINES).format(**values),
                        " ".join(s.format(**values) for s in rng.sample(SUMMARIES, 3)),
                        json.dumps(rng.sample(SKILLS, rng.randint(3, 9))),
                        json.dumps(rng.sample(Discipline.values, rng.choice([1, 1, 2]))),
                        json.dumps(["en", *rng.sample(others, rng.randint(0, 2))]),
                        json.dumps(rng.sample(ContractType.values, rng.randint(1, 3))),
                        rng.choice(EducationLevel.values),
                        years,
                        city,
                        today + timedelta(days=rng.randrange(-30, 180))
                        if rng.random() < 0.5
                        else None,
                        rng.choices(visible, weights=[70, 30])[0],
                        updated,
                        updated,
                        first + offset,
                    )
                )
                self._progress(offset + 1, count)

    def _copy(self, table: str, columns: str, rows) -> None:
        with self.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
