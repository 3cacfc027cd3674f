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
    assert services["elasticsearch"]["image"].endswith(":8.14.1")
    assert services["kibana"]["image"].endswith(":8.14.1")
    mount = next(v for v in services["kibana-setup"]["volumes"] if "ndjson" in v)
    assert (DEPLOY / mount.split(":")[0]).resolve() == (DEPLOY / "kibana" / "govspider.ndjson").resolve()
    env = services["worker"]["environment"]
    assert env["GOVSPIDER_ES_URL"] == "http://elasticsearch:9200"
    templates = env["GOVSPIDER_ES_TEMPLATES"].replace("/app/", "")
    assert (ROOT / templates / "govspider-findings.json").is_file()
    assert services["worker"]["command"] == ["govspider", "worker"]


def test_es_script_is_valid_bash_and_explains_usage():
    script = DEPLOY / "elasticsearch" / "es.sh"
    subprocess.run(["bash", "-n", str(script)], check=True)
    proc = subprocess.run(["bash", str(script), "bogus"], capture_output=True, text=True)
    assert proc.returncode == 2 and "start|stop|status" in proc.stderr
