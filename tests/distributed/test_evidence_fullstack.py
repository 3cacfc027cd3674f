"""Full stack on real Redis + FerretDB: workers only write WARC (completed files go to GridFS);
`govspider analyze` / `report` / `evidence` on another machine read the records from the store."""

from __future__ import annotations

import json
import shutil

import pymongo

from govspider.sandbox.server import SandboxServer

from .crawls import AS_OF, cli, env_for, finish, run, start_workers, write_subset

SEED = 132  # a province no other test draws


def test_workers_archive_to_gridfs_and_report_pictures_from_it(tmp_path, redis_url, mongo_uri):
    with SandboxServer(seed=SEED, as_of=AS_OF, scale="small") as server:
        codes = [s.site_code for s in server.province.sites if s.kind == "department"][:2]
        sites_file = tmp_path / "sites.yaml"
        write_subset(server, codes, sites_file)
        env = env_for(server, tmp_path, redis_url, mongo_uri)
        campaign = run(cli("campaign", "start", "--sites", sites_file, "--as-of", AS_OF), env).stdout.strip()
        summary = finish(start_workers(1, campaign, env)[0])
        assert summary["pages_stored"] > 0
    # the worker's own disk is gone: everything below must come from the store
    local = tmp_path / "state" / "warc"
    assert list(local.rglob("*.warc.gz")) and not list(local.rglob("*.open"))
    shutil.rmtree(local)
    db = pymongo.MongoClient(mongo_uri).get_default_database()
    stored = {f["filename"] for f in db["warc.files"].find({}, {"filename": 1})}
    pages = list(db.pages.find({"campaign": campaign}, {"archive": 1}))
    assert pages and {p["archive"]["warc"] for p in pages} <= stored

    run(cli("analyze", "--campaign", campaign), env)
    out = tmp_path / "report"
    run(cli("report", "--campaign", campaign, "--out", out), env, timeout=300)
    findings = [json.loads(line) for line in (out / "findings.jsonl").read_text(encoding="utf-8").splitlines()]
    pictured = [f for f in findings if f.get("screenshot")]
    assert pictured and all((out / f["screenshot"]).is_file() for f in pictured)
    assert all(f["archive"]["warc"] in stored for f in findings if f.get("archive"))
    shown = run(cli("evidence", pictured[0]["finding_id"], "--campaign", campaign), env).stdout
    assert pictured[0]["archive"]["record_id"] in shown and "HTTP/1.1" in shown
