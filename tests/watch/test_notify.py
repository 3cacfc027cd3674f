"""Notifications to a real HTTP receiver on 127.0.0.1: the 企业微信 and 钉钉 robot bodies (with
加签), plain JSON, routing per region and per site, retries, the disk spool while the receiver
is down, and the summary message."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

import pytest

from govspider.notify import Spool, load_receivers, notify, receivers_from_urls
from govspider.notify.formats import MARKDOWN_LIMIT, render
from govspider.notify.messages import summary_message, warnings_message
from govspider.notify.receivers import Receiver, ReceiversError

from .receiver import Receiver as HTTPReceiver


def warning(code, region, subject, change="new", level="approaching", name="某县人民政府"):
    return {"warning_id": f"{code}-{subject}", "rule_id": "column.stale", "site_code": code, "site_name": name,
            "region": region, "subject": subject, "kind": "time", "level": level,
            "level_name": {"approaching": "临近", "crossed": "已越线"}[level], "change": change,
            "change_name": {"new": "新增", "worse": "加重", "cleared": "解除"}[change],
            "what": f"栏目「{subject}」（动态/要闻）最新信息 2026-11-08，已 12 天未更新（超过 14 天即为「栏目不更新」，还剩 2 天）",
            "value": 12, "line": 14, "warn_at": 10, "unit": "天", "remaining": 2, "review": False}


CHANGED = [warning("4301210001", "长沙市", "政务要闻", name="长沙县人民政府"),
           warning("4302000001", "株洲市", "部门动态", "worse", "crossed", name="株洲市人民政府"),
           warning("4302000001", "株洲市", "乡镇动态", "cleared", name="株洲市人民政府")]


@pytest.fixture()
def receiver():
    with HTTPReceiver() as r:
        yield r


def no_wait(spool_dir):
    return Spool(spool_dir, sleep=lambda s: None)


def test_robot_bodies_and_dingtalk_signature(receiver, tmp_path, monkeypatch):
    monkeypatch.setenv("TEST_DINGTALK_SECRET", "SECabc123")
    config = tmp_path / "receivers.yaml"
    config.write_text(f"""receivers:
  - name: 省政府办公厅
    url: {receiver.url}/wecom?key=k1
    format: wecom
  - name: 长沙市
    url: {receiver.url}/dingtalk?access_token=t1
    format: dingtalk
    secret_env: TEST_DINGTALK_SECRET
  - name: 运维
    url: {receiver.url}/json
""", encoding="utf-8")
    receivers = load_receivers(config)
    assert [r.format for r in receivers] == ["wecom", "dingtalk", "json"]
    message = warnings_message(CHANGED, "2026-11-20", "2019")
    result = notify(receivers, message, no_wait(tmp_path / "spool"))
    assert result["sent"] == 3 and result["pending"] == 0 and not result["errors"]
    wecom, = receiver.delivered("/wecom")
    assert wecom["body"]["msgtype"] == "markdown" and set(wecom["body"]["markdown"]) == {"content"}
    assert "长沙县人民政府" in wecom["body"]["markdown"]["content"] and "【加重·已越线】" in wecom["body"]["markdown"]["content"]
    assert wecom["query"] == {"key": "k1"} and wecom["content_type"].startswith("application/json")
    ding, = receiver.delivered("/dingtalk")
    assert ding["body"]["markdown"]["title"] == "政府网站预警 2026-11-20" and "【解除】" in ding["body"]["markdown"]["text"]
    q = ding["query"]
    expected = base64.b64encode(hmac.new(b"SECabc123", f"{q['timestamp']}\nSECabc123".encode(), hashlib.sha256).digest()).decode()
    assert q["access_token"] == "t1" and q["sign"] == expected
    plain, = receiver.delivered("/json")
    assert plain["body"]["type"] == "govspider.warnings" and plain["body"]["counts"] == {"new": 1, "worse": 1, "cleared": 1}
    assert {s["site_code"] for s in plain["body"]["sites"]} == {"4301210001", "4302000001"}


def test_routing_per_region_and_per_site(receiver, tmp_path):
    receivers = [Receiver("长沙市", f"{receiver.url}/cs", regions=("长沙市",)),
                 Receiver("株洲站", f"{receiver.url}/zz", sites=("4302000001",)),
                 Receiver("湘潭市", f"{receiver.url}/xt", regions=("湘潭市",)),
                 Receiver("只收汇总", f"{receiver.url}/sum", send=("summary",))]
    notify(receivers, warnings_message(CHANGED, "2026-11-20", "2019"), no_wait(tmp_path / "spool"))
    (cs,), (zz,) = receiver.delivered("/cs"), receiver.delivered("/zz")
    assert [s["site_code"] for s in cs["body"]["sites"]] == ["4301210001"]
    assert [s["site_code"] for s in zz["body"]["sites"]] == ["4302000001"]
    assert receiver.delivered("/xt") == [] and receiver.delivered("/sum") == []


def test_retries_then_delivers(receiver, tmp_path):
    receiver.fail_next(2, status=503)
    (r,) = receivers_from_urls([f"{receiver.url}/hook"])
    result = notify([r], warnings_message(CHANGED[:1], "2026-11-20", "2019"), no_wait(tmp_path / "spool"))
    assert result["sent"] == 1 and len(receiver.requests) == 3 and len(receiver.delivered()) == 1


def test_spooled_while_down_then_sent_in_order(tmp_path):
    receiver = HTTPReceiver().start()
    port = receiver.port
    receiver.stop()
    spool = no_wait(tmp_path / "spool")
    r = Receiver("hook", f"http://127.0.0.1:{port}/hook", retries=1)
    first = notify([r], warnings_message(CHANGED[:1], "2026-11-20", "2019"), spool)
    second = notify([r], warnings_message(CHANGED[1:], "2026-11-21", "2019"), spool)
    assert first["sent"] == second["sent"] == 0 and second["pending"] == 2 and "hook" in second["errors"][0]
    kept = [json.loads(p.read_text(encoding="utf-8")) for p in spool.entries()]
    # the older message was tried twice; the newer one waits behind it (order kept per receiver)
    assert [k["attempts"] for k in kept] == [2, 0] and kept[0]["last_error"]
    assert all(p.stat().st_mode & 0o077 == 0 for p in spool.entries())  # the robot's key stays private
    with HTTPReceiver(port) as back:
        result = spool.flush()
        assert result == {"sent": 2, "pending": 0, "errors": []}
        assert [b["body"]["as_of"] for b in (x for x in back.delivered())] == ["2026-11-20", "2026-11-21"]


def test_robot_errcode_is_not_delivered(receiver, tmp_path):
    receiver.fail_next(1, status=200, errcode=45009)
    r = Receiver("wecom", f"{receiver.url}/wecom", format="wecom", retries=0)
    result = notify([r], warnings_message(CHANGED, "2026-11-20", "2019"), no_wait(tmp_path / "spool"))
    assert result["sent"] == 0 and result["pending"] == 1 and "errcode 45009" in result["errors"][0]
    assert no_wait(tmp_path / "spool").flush()["sent"] == 1


def test_long_messages_split_under_the_robot_limit():
    many = [warning(f"43{i:08d}", "长沙市", f"栏目{i}", name=f"第{i}个网站") for i in range(120)]
    bodies = render("wecom", warnings_message(many, "2026-11-20", "2019"))
    assert len(bodies) > 1
    texts = [b["markdown"]["content"] for b in bodies]
    assert all(len(t.encode("utf-8")) <= MARKDOWN_LIMIT for t in texts)
    assert all(f"第{i}个网站" in "".join(texts) for i in range(120))


def test_summary_message_for_the_province_and_a_region():
    summary = {"campaign": "q4", "as_of": "2026-11-15", "ruleset": "2019",
               "headline": "本次抽查总体合格率为83.33%，同比提升33.33个百分点，环比提升16.67个百分点。",
               "previous": None, "year_ago": None,
               "regions": [{"region": "长沙市", "sampled": 3, "passed": 2, "pass_rate": 0.6667, "mom_pp": -33.33, "yoy_pp": 0.0},
                           {"region": "合计", "sampled": 6, "passed": 5, "pass_rate": 0.8333, "mom_pp": 16.67, "yoy_pp": 33.33}],
               "serious": [{"site_code": "4301000001", "name": "长沙市人民政府", "region": "长沙市", "url": "http://x/",
                            "vetoes": ["首页不更新（1处）"]}]}
    message = summary_message(summary)
    text = "\n".join(message.sections)
    assert text.startswith("本次抽查总体合格率为83.33%") and "长沙市：抽查 3 个，合格 2 个，合格率 66.67%，环比下降33.33个百分点，同比持平" in text
    part = message.for_receiver(Receiver("长沙市", "http://127.0.0.1:9/", regions=("长沙市",)))
    assert [i.region for i in part.items] == ["长沙市", "长沙市"]
    assert message.for_receiver(Receiver("w", "http://127.0.0.1:9/", send=("warnings",))) is None


def test_bad_receivers_file_names_every_problem(tmp_path):
    bad = tmp_path / "r.yaml"
    bad.write_text("receivers:\n  - name: a\n    url: ftp://x\n  - name: b\n    url: http://h/\n    format: wechat\n"
                   "    secret: s\n  - url: http://h/\n    regions: 长沙市\n", encoding="utf-8")
    with pytest.raises(ReceiversError) as exc:
        load_receivers(bad)
    text = str(exc.value)
    assert "receiver 1 (a): url must be an http(s) URL" in text and "format must be one of" in text
    assert "加签" in text and "receiver 3: regions must be a list" in text
    with pytest.raises(ReceiversError):
        receivers_from_urls(["not a url"])
