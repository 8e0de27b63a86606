"""Benchmark of the job board at scale: `make bench-search` runs it.

Seeds the configured PostgreSQL database with `seed_scale` when it holds no scale data yet,
starts gunicorn with the benchmark settings (the portal plus a trivial DRF view), and drives
each kind of request with `wrk`, every kind a mix of different realistic requests. First each
distinct request is sent once, in turn, to a server with an empty cache: those are the
"cold" latencies. Then `wrk` runs each kind for a while, each between two runs of the
trivial view on the same server, and its throughput is compared with theirs: the machine's
load may change from one minute to the next, but hardly within one kind's pair of neighbours.

Each run also records the machine's load average and how many times the board changed
while it ran (a write, or a vacancy reaching its closing time), since every change starts
the cache afresh. `--writes-per-minute N` closes N vacancies a minute through the services
during the runs, as publications and closures do on a real board.
"""

import json
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.management import BaseCommand, CommandError, call_command
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from apps.accounts.models import User
from apps.organizations.models import Membership, Organization, Sector
from apps.talent.models import LANGUAGES, Discipline, EducationLevel
from apps.vacancies.management.commands.seed_scale import CITIES, SKILLS, SLUG_PREFIX
from apps.vacancies.models import Experience, Vacancy, Workplace
from apps.vacancies.services import vacancy_close

RECRUITER_EMAIL = "bench-recruiter@scale.example.org"
# kind: (label, share of the trivial view's throughput it must reach)
KINDS = {
    "trivial": ("trivial DRF view", None),
    "vacancy_list_api": ("GET /api/v1/vacancies/ with filters", 1 / 3),
    "vacancy_search_api": ("GET /api/v1/vacancies/?q=…", 1 / 3),
    "jobs_page": ("/en/jobs/ with its seven facets", 1 / 6),
    "talent_search_api": ("GET /api/v1/talent/?q=… (recruiter)", 1 / 4),
}
COLD_P99_LIMIT_MS = 500
JOB_WORDS = [
    "antibody",
    "python",
    "gmp",
    "crispr",
    "clinical",
    "bioinformatics",
    "vaccine",
    "scientist",
    "engineer",
    "quality",
    "regulatory",
    "cell therapy",
    "protein purification",
    "toxicologist",
    "mass spectrometry",
    "machine learning",
    "flow cytometry",
    "plant",
    "fermentation",
    "data",
    "manufacturing",
    "single-cell",
    "organoids",
    "biomarkers",
    "immuno-oncology",
    "validation",
    "statistician",
    "hplc",
    "project manager",
    "lab automation",
    "gene therapy",
    "microbiome",
    "medical devices",
    "diagnostics",
    "phd",
    "postdoc",
    "upstream",
    "downstream",
    "qc analyst",
    "business developer",
]
TALENT_WORDS = [
    "python",
    "crispr",
    "flow cytometry",
    "gmp",
    "bioinformatician",
    "clinical trials",
    "mass spectrometry",
    "regulatory",
    "machine learning",
    "protein purification",
    "scientist",
    "engineer",
    "immunology",
    "hplc",
    "statistics",
    "cell culture",
    "fermentation",
    "plant breeding",
    "single-cell",
    "validation",
    "project management",
    "sas",
    "ngs",
    "vaccines",
    "microscopy",
]


class Command(BaseCommand):
    help = "Benchmark the job board and talent search at scale against a trivial view."

    def add_arguments(self, parser):
        parser.add_argument("--vacancies", type=int, default=100_000)
        parser.add_argument("--organizations", type=int, default=2_000)
        parser.add_argument("--profiles", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--port", type=int, default=8100)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers")
        parser.add_argument("--duration", type=int, default=20, help="seconds of wrk per kind")
        parser.add_argument(
            "--rounds", type=int, default=4, help="slices of each kind, between trivial ones"
        )
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--paths-per-kind", type=int, default=100)
        parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", ""))
        parser.add_argument("--output", default="var/bench/search.json")
        parser.add_argument("--label", default="", help="a name for this run in the JSON")
        parser.add_argument(
            "--writes-per-minute",
            type=float,
            default=0,
            help="close this many vacancies a minute during the load runs (cache churn)",
        )
        parser.add_argument(
            "--kinds",
            default=",".join(KINDS),
            help="comma-separated kinds to measure (the trivial view always is)",
        )

    def handle(self, *args, **options):
        if not settings.USES_POSTGRES:
            raise CommandError("The benchmark runs on PostgreSQL: set DATABASE_URL.")
        if not shutil.which("wrk"):
            raise CommandError("wrk is missing: `apt-get install wrk` (make bench-search does).")
        self.options = options
        self.load_at_start = [round(x, 2) for x in os.getloadavg()]
        self.rng = random.Random(options["seed"])
        self._seed()
        token = self._recruiter_token()
        kinds = {"trivial", *options["kinds"].split(",")}
        unknown = kinds - set(KINDS)
        if unknown:
            raise CommandError(f"Unknown kinds: {', '.join(sorted(unknown))}.")
        paths = {k: v for k, v in self._paths(options["paths_per_kind"]).items() if k in kinds}
        with tempfile.TemporaryDirectory(prefix="bench-search-") as folder:
            files = {}
            for kind, kind_paths in paths.items():
                files[kind] = Path(folder) / f"{kind}.txt"
                files[kind].write_text("\n".join(kind_paths) + "\n")
            server = self._start_server()
            try:
                self._warm_up()
                cold = self._cold_pass(paths, token)
                with self._writer():
                    runs = self._wrk_runs(files, token)
            finally:
                self._stop_server(server)
        self._report(paths, cold, runs)

    # --- data ------------------------------------------------------------------------------

    def _seed(self) -> None:
        options = self.options
        existing = Vacancy.objects.filter(slug__startswith=SLUG_PREFIX).count()
        if existing == 0:
            self.stdout.write(self.style.MIGRATE_HEADING("Seeding"))
            call_command(
                "seed_scale",
                vacancies=options["vacancies"],
                organizations=options["organizations"],
                profiles=options["profiles"],
                seed=options["seed"],
                stdout=self.stdout._out,
            )
        elif existing != options["vacancies"]:
            self.stdout.write(
                self.style.WARNING(
                    f"The database holds {existing:,} scale vacancies, not "
                    f"{options['vacancies']:,}: measuring those. Use an empty database for "
                    "another size."
                )
            )

    def _recruiter_token(self) -> str:
        recruiter, _ = User.objects.get_or_create(
            email=RECRUITER_EMAIL, defaults={"first_name": "Bench", "last_name": "Recruiter"}
        )
        organization = (
            Organization.objects.filter(slug__startswith=SLUG_PREFIX, verified=True)
            .order_by("pk")
            .first()
        )
        Membership.objects.get_or_create(
            user=recruiter, organization=organization, defaults={"role": "recruiter"}
        )
        return Token.objects.get_or_create(user=recruiter)[0].key

    def _paths(self, count: int) -> dict[str, list[str]]:
        rng = self.rng
        organizations = list(
            Organization.objects.filter(slug__startswith=SLUG_PREFIX)
            .order_by("pk")
            .values_list("slug", flat=True)[:500]
        )
        sectors = list(Sector.objects.values_list("slug", flat=True))
        cities = [city for city, _ in CITIES]
        contracts = ["permanent", "fixed_term", "internship", "phd", "postdoc", "freelance"]
        posted = (timezone.localdate() - timedelta(days=14)).isoformat()
        list_filters = [
            ("contract", contracts, 0.3),
            ("experience", Experience.values, 0.25),
            ("workplace", Workplace.values, 0.15),
            ("sector", sectors, 0.3),
            ("city", cities, 0.25),
            ("organization", organizations, 0.1),
            ("discipline", Discipline.values, 0.1),
            ("posted_after", [posted], 0.05),
        ]

        def filters(limit: int) -> dict:
            chosen = {}
            for key, values, chance in rng.sample(list_filters, len(list_filters)):
                if len(chosen) < limit and rng.random() < chance:
                    chosen[key] = rng.choice(values)
            return chosen

        def distinct(build) -> list[str]:
            found: dict[str, None] = {}
            for _ in range(count * 50):
                found.setdefault(build(), None)
                if len(found) == count:
                    break
            return list(found)

        def broad(params: dict) -> bool:
            """Broad enough for a further page to exist (a missing page answers 404)."""
            return len(params) <= 1 and "organization" not in params

        def vacancy_list() -> str:
            params = filters(2)
            if broad(params) and rng.random() < 0.4:
                params["page"] = rng.randint(2, 5)
            if rng.random() < 0.2:
                params["ordering"] = "newest"
            return "/api/v1/vacancies/" + (f"?{urlencode(params)}" if params else "")

        def vacancy_search() -> str:
            params = {"q": rng.choice(JOB_WORDS), **filters(1)}
            if len(params) == 1 and rng.random() < 0.2:
                params["page"] = 2
            if rng.random() < 0.2:
                params["ordering"] = "newest"
            return f"/api/v1/vacancies/?{urlencode(params)}"

        jobs = reverse("vacancies:list")

        def jobs_page() -> str:
            params = filters(2)
            if rng.random() < 0.6:
                params["q"] = rng.choice(JOB_WORDS)
            if rng.random() < 0.2:
                params["page"] = rng.randint(2, 4)
            return jobs + (f"?{urlencode(params)}" if params else "")

        def talent_search() -> str:
            params = {}
            if rng.random() < 0.85:
                params["q"] = rng.choice(TALENT_WORDS)
            for key, values, chance in (
                ("skills", SKILLS, 0.2),
                ("city", cities, 0.2),
                ("education", EducationLevel.values, 0.15),
                ("languages", [code for code in LANGUAGES if code != "en"][:3], 0.1),
                ("discipline", Discipline.values, 0.1),
                ("available_before", [(date.today() + timedelta(days=60)).isoformat()], 0.1),
            ):
                if rng.random() < chance:
                    params[key] = rng.choice(values)
            if not params:
                params["page"] = rng.randint(1, 3)
            return f"/api/v1/talent/?{urlencode(params)}"

        return {
            "trivial": ["/bench/trivial/"],
            "vacancy_list_api": distinct(vacancy_list),
            "vacancy_search_api": distinct(vacancy_search),
            "jobs_page": distinct(jobs_page),
            "talent_search_api": distinct(talent_search),
        }

    # --- server ----------------------------------------------------------------------------

    def _base_url(self) -> str:
        return f"http://127.0.0.1:{self.options['port']}"

    def _start_server(self) -> subprocess.Popen:
        options = self.options
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.bench",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
            # A fresh prefix: the cold pass starts from an empty cache.
            "CACHE_KEY_PREFIX": f"bench-{secrets.token_hex(4)}",
        }
        if options["redis_url"]:
            env["REDIS_URL"] = options["redis_url"]
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            "portal.wsgi",
            f"--workers={options['workers']}",
            f"--bind=127.0.0.1:{options['port']}",
            "--timeout=120",
            "--log-level=warning",
        ]
        self.stdout.write(self.style.MIGRATE_HEADING(f"Serving on {self._base_url()}"))
        server = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn stopped; is the port free?")
            try:
                # A worker's first answer loads the portal: slow on a busy machine.
                urllib.request.urlopen(f"{self._base_url()}/bench/trivial/", timeout=30).read()
                return server
            except OSError:  # not listening yet, refused, or timed out
                time.sleep(0.5)
        self._stop_server(server)
        raise CommandError("gunicorn did not answer within 120 s.")

    def _stop_server(self, server: subprocess.Popen) -> None:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()

    def _get(self, path: str, token: str | None = None) -> float:
        request = urllib.request.Request(self._base_url() + path)
        if token:
            request.add_header("Authorization", f"Token {token}")
        began = time.perf_counter()
        with urllib.request.urlopen(request, timeout=120) as response:
            response.read()
            if response.status != 200:
                raise CommandError(f"{path} answered {response.status}")
        return (time.perf_counter() - began) * 1000

    def _warm_up(self) -> None:
        """Load code and templates in every worker, with requests outside the measured mix."""
        for _ in range(self.options["workers"] * 3):
            self._get("/bench/trivial/")
            self._get(reverse("vacancies:list") + "?city=Warm-up")
            self._get("/api/v1/vacancies/?city=Warm-up")

    def _cold_pass(self, paths: dict[str, list[str]], token: str) -> dict[str, dict]:
        self.stdout.write(self.style.MIGRATE_HEADING("Cold pass: each request once, empty cache"))
        cold = {}
        for kind, kind_paths in paths.items():
            if kind == "trivial":
                continue
            auth = token if kind == "talent_search_api" else None
            timings = []
            for path in kind_paths:
                try:
                    timings.append((self._get(path, auth), path))
                except urllib.error.HTTPError as error:
                    raise CommandError(f"{path} answered {error.code}") from error
            times = [ms for ms, _ in timings]
            cold[kind] = {
                "requests": len(times),
                "p50_ms": round(statistics.median(times), 1),
                "p99_ms": round(_percentile(times, 99), 1),
                "max_ms": round(max(times), 1),
                "slowest": [[round(ms, 1), path] for ms, path in sorted(timings)[-3:][::-1]],
                "load_average": round(os.getloadavg()[0], 2),
            }
            self.stdout.write(
                f"  {kind:<20} p50 {cold[kind]['p50_ms']:>8.1f} ms   "
                f"p99 {cold[kind]['p99_ms']:>8.1f} ms   max {cold[kind]['max_ms']:>8.1f} ms"
            )
        return cold

    def _wrk(self, paths_file: Path, token: str | None, seconds: int) -> dict:
        options = self.options
        script = Path(settings.BASE_DIR) / "scripts" / "bench" / "mix.lua"
        command = [
            "wrk",
            f"-t{options['threads']}",
            f"-c{options['connections']}",
            f"-d{seconds}s",
            "--timeout=60s",
            "-s",
            str(script),
            self._base_url(),
            "--",
            str(paths_file),
        ]
        if token:
            command.append(f"Token {token}")
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        # Requests still queued when wrk stops would slow the next kind: wait them out.
        self._get("/bench/trivial/")
        figures = json.loads(output.strip().splitlines()[-1])
        seconds = figures["duration_us"] / 1e6
        return {
            "requests": figures["requests"],
            "req_per_s": round(figures["requests"] / seconds, 1),
            "p50_ms": round(figures["p50_us"] / 1000, 1),
            "p90_ms": round(figures["p90_us"] / 1000, 1),
            "p99_ms": round(figures["p99_us"] / 1000, 1),
            "max_ms": round(figures["max_us"] / 1000, 1),
            "errors": figures["non_2xx_3xx"] + figures["socket_errors"] + figures["timeouts"],
        }

    def _wrk_runs(self, files: dict[str, Path], token: str) -> dict[str, dict]:
        """Each kind in `rounds` slices, each slice between two slices of the trivial view:
        a kind's ratio is the median of its slices' ratios to their two neighbours, so a
        burst of load from elsewhere on the machine moves one slice, not the figure."""
        options = self.options
        rounds = options["rounds"]
        seconds = max(1, round(options["duration"] / rounds))
        self.stdout.write(
            self.style.MIGRATE_HEADING(
                f"wrk -t{options['threads']} -c{options['connections']}: each kind "
                f"{rounds} × {seconds}s, every slice between two {seconds}s slices of the "
                "trivial view"
            )
        )
        kinds = [k for k in KINDS if k != "trivial" and k in files]
        trivial: list[dict] = []
        slices: dict[str, list[dict]] = {kind: [] for kind in kinds}
        for kind in ["trivial", *(s for k in kinds for _ in range(rounds) for s in (k, "trivial"))]:
            load = os.getloadavg()[0]
            before = self._board_state()
            auth = token if kind == "talent_search_api" else None
            result = self._wrk(files[kind], auth, seconds)
            result["load_average"] = round(load, 2)
            result["board_changes"] = self._board_changes(before, self._board_state())
            if kind == "trivial":
                trivial.append(result)
            else:
                # Its neighbours: the trivial slice before it, and the one after (next).
                result["trivial_before"] = trivial[-1]["req_per_s"]
                slices[kind].append(result)
            if kind == "trivial" and len(trivial) > 1:
                for kind_slices in slices.values():
                    if kind_slices and "trivial_after" not in kind_slices[-1]:
                        kind_slices[-1]["trivial_after"] = result["req_per_s"]
            self.stdout.write(
                f"  {kind:<20} {result['req_per_s']:>9.1f} req/s   p50 {result['p50_ms']:>7.1f} ms"
                f"   p99 {result['p99_ms']:>7.1f} ms   errors {result['errors']}"
                f"   load {load:>5.2f}   board changes {result['board_changes']}"
            )
        runs: dict[str, dict] = {"trivial": {"slices": trivial}}
        for kind, kind_slices in slices.items():
            ratios = [
                part["req_per_s"] / statistics.mean([part["trivial_before"], part["trivial_after"]])
                for part in kind_slices
            ]
            requests = sum(part["requests"] for part in kind_slices)
            runs[kind] = {
                "requests": requests,
                "req_per_s": round(requests / (seconds * len(kind_slices)), 1),
                "ratio_to_trivial": round(statistics.median(ratios), 4),
                "trivial_req_per_s": round(
                    statistics.mean(
                        statistics.mean([part["trivial_before"], part["trivial_after"]])
                        for part in kind_slices
                    ),
                    1,
                ),
                # The median slice's p50, and the worst slice's p99 and maximum.
                "p50_ms": statistics.median(part["p50_ms"] for part in kind_slices),
                "p99_ms": max(part["p99_ms"] for part in kind_slices),
                "max_ms": max(part["max_ms"] for part in kind_slices),
                "errors": sum(part["errors"] for part in kind_slices),
                "board_changes": sum(part["board_changes"] for part in kind_slices),
                "load_average": round(statistics.mean(p["load_average"] for p in kind_slices), 2),
                "slices": kind_slices,
            }
        return runs

    def _board_state(self) -> tuple:
        with connection.cursor() as cursor:
            cursor.execute("SELECT version, now() FROM vacancies_board_version WHERE id = 1")
            return cursor.fetchone()

    def _board_changes(self, before: tuple, after: tuple) -> int:
        """Writes to the board, and closing times reached, between two states."""
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(DISTINCT expires_at) FROM vacancies_vacancy"
                " WHERE status = 'published' AND expires_at > %s AND expires_at <= %s",
                [before[1], after[1]],
            )
            expiries = cursor.fetchone()[0]
        return after[0] - before[0] + expiries

    @contextmanager
    def _writer(self) -> Iterator[None]:
        """Closes vacancies of the benchmark's organization through the services, at the
        asked rate, in a thread of its own, while the load runs."""
        rate = self.options["writes_per_minute"]
        if rate <= 0:
            yield
            return
        stop = threading.Event()
        recruiter = User.objects.get(email=RECRUITER_EMAIL)
        organization_id = recruiter.memberships.values_list("organization_id", flat=True)[0]

        def write() -> None:
            try:
                while not stop.wait(60 / rate):
                    vacancy = (
                        Vacancy.objects.filter(
                            organization_id=organization_id,
                            status="published",
                            expires_at__gt=timezone.now(),
                        )
                        .order_by("?")
                        .first()
                    )
                    if vacancy is not None:
                        vacancy_close(actor=recruiter, vacancy=vacancy)
            finally:
                connections.close_all()

        thread = threading.Thread(target=write, name="bench-writer", daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join()

    # --- report ----------------------------------------------------------------------------

    def _report(self, paths: dict, cold: dict, runs: dict) -> None:
        trivial_runs = runs["trivial"]["slices"]
        trivial = statistics.mean(run["req_per_s"] for run in trivial_runs)
        kinds: dict[str, dict] = {
            "trivial": {
                "label": KINDS["trivial"][0],
                "distinct_requests": 1,
                "req_per_s": round(trivial, 1),
                "slices": trivial_runs,
            }
        }
        measured = [k for k in KINDS if k != "trivial" and k in runs]
        for kind in measured:
            label, target = KINDS[kind]
            run = runs[kind]
            ratio = run["ratio_to_trivial"]
            entry = {"label": label, "distinct_requests": len(paths[kind]), **run}
            if target is not None:  # every measured kind has one
                entry["target_ratio"] = round(target, 4)
                entry["cold"] = cold[kind]
                entry["meets_target"] = (
                    ratio >= target
                    and cold[kind]["p99_ms"] <= COLD_P99_LIMIT_MS
                    and run["errors"] == 0
                )
            kinds[kind] = entry
        counts = {
            "vacancies_live": Vacancy.objects.filter(
                status="published", expires_at__gt=timezone.now()
            ).count(),
            "organizations": Organization.objects.count(),
            "talent_profiles": User.objects.filter(talent_profile__isnull=False).count(),
        }
        result = {
            "label": self.options["label"],
            "run_at": timezone.now().isoformat(timespec="seconds"),
            "commit": _git_commit(),
            "data": counts,
            "server": f"gunicorn, {self.options['workers']} sync workers",
            "load": (
                f"wrk -t{self.options['threads']} -c{self.options['connections']}, "
                f"{self.options['duration']}s per kind in {self.options['rounds']} slices, "
                "each between two slices of the trivial view"
            ),
            "machine": {
                "cpus": os.cpu_count(),
                "load_average_at_start": self.load_at_start,
                "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
            },
            "writes_per_minute": self.options["writes_per_minute"],
            "trivial_req_per_s": round(trivial, 1),
            "cold_p99_limit_ms": COLD_P99_LIMIT_MS,
            "kinds": kinds,
        }
        output = Path(self.options["output"])
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(result, indent=2) + "\n")

        self.stdout.write(self.style.SUCCESS("Summary"))
        self.stdout.write(
            f"  {counts['vacancies_live']:,} live vacancies, {counts['organizations']:,} "
            f"organizations, {counts['talent_profiles']:,} talent profiles"
        )
        rates = [run["req_per_s"] for run in trivial_runs]
        self.stdout.write(
            f"  trivial DRF view: {trivial:,.1f} req/s on average, {min(rates):,.1f} to "
            f"{max(rates):,.1f} over {len(rates)} runs; load average "
            f"{self.load_at_start[0]} at the start, {os.getloadavg()[0]:.2f} at the end"
        )
        header = (
            f"  {'request':<38} {'req/s':>7} {'trivial':>8} {'ratio':>7} {'target':>7} "
            f"{'p50 ms':>7} {'p99 ms':>7} {'cold p99':>9} {'changes':>8}"
        )
        self.stdout.write(header)
        for kind in measured:
            entry = kinds[kind]
            self.stdout.write(
                f"  {entry['label']:<38} {entry['req_per_s']:>7.1f} "
                f"{entry['trivial_req_per_s']:>8.1f} {_fraction(entry['ratio_to_trivial']):>7} "
                f"{_fraction(entry['target_ratio']):>7} {entry['p50_ms']:>7.1f} "
                f"{entry['p99_ms']:>7.1f} {entry['cold']['p99_ms']:>9.1f} "
                f"{entry['board_changes']:>8}  " + ("ok" if entry["meets_target"] else "MISSED")
            )
        self.stdout.write(f"  figures written to {output}")


def _percentile(values: list[float], percent: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(percent / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def _fraction(ratio: float | None) -> str:
    if not ratio:
        return ""
    return f"1/{1 / ratio:,.1f}" if ratio < 1 else f"{ratio:.2f}"


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return ""
