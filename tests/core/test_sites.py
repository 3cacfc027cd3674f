"""The sites file contract: YAML and CSV read alike; bad rows are named by line and field."""

import pytest

from govspider.sites import SitesFileError, load_sites, parse_sites

YAML = """\
- site_code: "4300000001"
  name: 湖南省人民政府
  region: 湖南省
  level: province
  kind: portal
  url: http://www.hunan.gov.cn/
  service_hall: "4300000002"
- site_code: "4300000002"
  name: 湖南政务服务网
  region: 湖南省
  level: province
  kind: service_hall
  url: http://zwfw.hunan.gov.cn/
"""


def test_yaml_and_csv_give_the_same_sites(tmp_path):
    yaml_file = tmp_path / "sites.yaml"
    yaml_file.write_text(YAML, encoding="utf-8")
    csv_file = tmp_path / "sites.csv"
    csv_file.write_text(
        "site_code,name,region,county,level,kind,url,service_hall,status\n"
        "4300000001,湖南省人民政府,湖南省,,province,portal,http://www.hunan.gov.cn/,4300000002,\n"
        "4300000002,湖南政务服务网,湖南省,,province,service_hall,http://zwfw.hunan.gov.cn/,,active\n",
        encoding="utf-8",
    )
    assert load_sites(yaml_file) == load_sites(csv_file)
    portal = load_sites(yaml_file)[0]
    assert portal.host == "www.hunan.gov.cn" and portal.service_hall == "4300000002"
    assert portal.status == "active" and not portal.closed


def test_bad_rows_name_line_and_field():
    bad = YAML.replace("level: province\n  kind: service_hall", "level: town\n  kind: service_hall")
    with pytest.raises(SitesFileError) as err:
        parse_sites(bad)
    assert "line 11" in str(err.value) and "`level` must be one of" in str(err.value) and "'town'" in str(err.value)


def test_missing_field_duplicate_code_and_bad_url_are_all_reported():
    text = YAML + '- site_code: "4300000001"\n  name: 重复\n  region: 长沙市\n  level: city\n  kind: portal\n  url: ftp://x\n'
    text += "- name: 无标识码\n  region: 长沙市\n  level: city\n  kind: portal\n  url: http://www.csx.gov.cn/\n"
    with pytest.raises(SitesFileError) as err:
        parse_sites(text)
    problems = err.value.problems
    assert any("line 19" in p and "`url`" in p for p in problems)
    assert any("line 20" in p and "`site_code` is required" in p for p in problems)


def test_csv_line_numbers_and_unknown_hall(tmp_path):
    f = tmp_path / "s.csv"
    f.write_text("site_code,name,region,level,kind,url,service_hall\n1,A,长沙市,city,portal,http://a.gov.cn/,9\n", encoding="utf-8")
    with pytest.raises(SitesFileError, match="`service_hall` 9 is not in the file"):
        load_sites(f)
    f.write_text("site_code,name,region,level,kind,url\n1,A,长沙市,city,portal,http://a.gov.cn/\n2,B,长沙市,city,portal,\n", encoding="utf-8")
    with pytest.raises(SitesFileError, match="line 3: `url` is required"):
        load_sites(f)


def test_empty_and_invalid_yaml(tmp_path):
    with pytest.raises(SitesFileError, match="no sites"):
        parse_sites("")
    with pytest.raises(SitesFileError, match="line 2: not valid YAML"):
        parse_sites("- a: 1\n b: [\n")
