"""The production compose file and the dev cluster script load the same templates and objects."""

from __future__ import annotations

import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_compose_has_the_production_services():
    compose = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"redis", "mongodb", "elasticsearch", "kibana", "worker", "scheduler"} <= set(services)
    assert services["elasticsearch"]["image"].endswith(":8.14.3")  # the version CI tests
    assert services["kibana"]["image"].endswith(":8.14.3")
    mount = next(v for v in services["kibana-setup"]["volumes"] if "ndjson" in v)
    assert (DEPLOY / mount.split(":")[0]).resolve() == (DEPLOY / "kibana" / "govspider.ndjson").resolve()
    assert services["worker"]["command"] == ["govspider", "worker"]
    schedule = services["scheduler"]["command"]
    assert schedule[:2] == ["govspider", "schedule"] and schedule[2].endswith(".yaml")  # the file it needs


def test_compose_gives_the_index_to_what_publishes():
    """`analyze` (cli) and the scheduler publish to Elasticsearch; workers only crawl into MongoDB."""
    services = yaml.safe_load((DEPLOY / "docker-compose.yml").read_text(encoding="utf-8"))["services"]
    for name in ("scheduler", "cli"):
        env = services[name]["environment"]
        assert env["GOVSPIDER_ES_URL"] == "http://elasticsearch:9200"
        assert env["GOVSPIDER_MONGO_URL"] and env["GOVSPIDER_STATE_DIR"] == "/state"  # the spool survives
        templates = env["GOVSPIDER_ES_TEMPLATES"].replace("/app/", "")
        assert (ROOT / templates / "govspider-findings.json").is_file()
    assert "GOVSPIDER_ES_URL" not in services["worker"]["environment"]
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "govspider" / "distributed").glob("*.py"))
    assert "GOVSPIDER_ES_URL" not in source and "open_index" not in source


def test_es_script_is_valid_bash_and_explains_usage():
    script = DEPLOY / "elasticsearch" / "es.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    proc = subprocess.run(["bash", str(script), "bogus"], capture_output=True, text=True)
    assert proc.returncode == 2 and "start|stop|status" in proc.stderr
    proc = subprocess.run(["bash", str(script), "status"], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin", "ES_ENGINE": "solr"})
    assert proc.returncode == 2 and "elasticsearch or opensearch" in proc.stderr


def test_scheduled_deployments_publish_what_they_start(tmp_path):
    """k8s CronJobs and the systemd timer run a job of their schedule file with --wait, so the
    campaign they start is analyzed and published once drained (not left unpublished)."""
    from govspider.schedule import load_schedule

    docs = list(yaml.safe_load_all((DEPLOY / "k8s" / "govspider.yaml").read_text(encoding="utf-8")))
    config = next(d for d in docs if d["kind"] == "ConfigMap")
    (tmp_path / "schedule.yaml").write_text(config["data"]["schedule.yaml"], encoding="utf-8")
    k8s_jobs = {j.name for j in load_schedule(tmp_path / "schedule.yaml").jobs}
    cronjobs = [d for d in docs if d["kind"] == "CronJob"]
    assert cronjobs
    for cron in cronjobs:
        args = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"][0]["args"]
        assert args[0] == "schedule" and "--wait" in args and args[args.index("--run-now") + 1] in k8s_jobs
    systemd_jobs = {j.name for j in load_schedule(DEPLOY / "systemd" / "schedule.yaml").jobs}
    unit = (DEPLOY / "systemd" / "govspider-weekly.service").read_text(encoding="utf-8")
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert "--wait" in exec_start and exec_start.split("--run-now ")[1].split()[0] in systemd_jobs
