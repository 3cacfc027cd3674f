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


# -- hostile sites files (issue 12): bounded, typed as written, every problem named ----------------

ROW = "- site_code: {code}\n  name: {name}\n  region: 长沙市\n  level: city\n  kind: portal\n  url: {url}\n"


def test_values_stay_the_text_written_not_yaml_1_1_types():
    (site,) = parse_sites(ROW.format(code="0430000001", name="NO", url="http://www.a.gov.cn/") + "  county: on\n")
    assert site.site_code == "0430000001" and site.name == "NO" and site.county == "on"


def test_alias_bomb_is_refused_before_it_expands():
    levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi"):
        levels.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    text = "\n".join(levels) + "\nsites:\n" + ROW.format(code="1", name="x", url="http://a.gov.cn/") + "  hosts: *i\n"
    assert len(text) < 600  # 9^9 × "lol" once expanded
    with pytest.raises(SitesFileError, match="alias bomb"):
        parse_sites(text)


def test_merge_keys_still_work():
    text = ("defaults: &d {region: 长沙市, level: county, kind: portal}\nsites:\n"
            "- {<<: *d, site_code: '1', name: 甲, url: 'http://a.gov.cn/'}\n"
            "- {<<: *d, site_code: '2', name: 乙, url: 'http://b.gov.cn/', level: city}\n")
    a, b = parse_sites(text)
    assert (a.region, a.level, b.level) == ("长沙市", "county", "city")


def test_bad_port_duplicate_url_length_and_types_are_named():
    text = (ROW.format(code="1", name="甲", url="http://www.a.gov.cn:99999/")
            + ROW.format(code="2", name="乙", url="http://WWW.B.gov.cn:80/")
            + ROW.format(code="3", name="丙", url="http://www.b.gov.cn/")
            + ROW.format(code="4", name="丁" * 10_000, url="http://www.d.gov.cn/")
            + ROW.format(code="5", name="[a, b]", url="http://www.e.gov.cn/")
            + ROW.format(code="6", name="己", url="http://www.f.gov.cn:0/")
            + ROW.format(code="7", name="庚", url="http://user:pw@www.g.gov.cn/"))
    with pytest.raises(SitesFileError) as err:
        parse_sites(text)
    problems = "\n".join(err.value.problems)
    assert "line 6: `url` has a bad host: the port must be a number from 1 to 65535" in problems
    assert "line 18: `url` http://www.b.gov.cn/ is already the start URL of site 2 (line 7)" in problems
    assert "line 20: `name` is 10,000 characters long" in problems
    assert "line 26: `name` must be one text value (got a list)" in problems
    assert "line 36: `url` has a bad host: the port must be a number" in problems
    assert "line 42: `url` must not carry a user name or password" in problems


def test_size_limit_and_bad_csv(tmp_path, monkeypatch):
    import govspider.sites as sites_module

    monkeypatch.setattr(sites_module, "MAX_FILE_BYTES", 1000)
    big = tmp_path / "big.yaml"
    big.write_text(ROW.format(code="1", name="x" * 2000, url="http://a.gov.cn/"), encoding="utf-8")
    with pytest.raises(SitesFileError, match="at most 1,000"):
        load_sites(big)
    huge_field = tmp_path / "s.csv"
    huge_field.write_text("site_code,name,region,level,kind,url\n1," + "x" * 200_000 + ",长沙市,city,portal,http://a.gov.cn/\n",
                          encoding="utf-8")
    monkeypatch.setattr(sites_module, "MAX_FILE_BYTES", 10**7)
    with pytest.raises(SitesFileError, match="not valid CSV"):
        load_sites(huge_field)
