"""The catalog scan of Jackson-mapped entry classes (`listType(X.class)`: extract.jackson_keys /
jackson_ignores_unknown), on real Java text through the catalog's own Java parser."""

from __future__ import annotations

from stlint.catalog.extract import jackson_ignores_unknown, jackson_keys
from stlint.catalog.java.parser import parse_unit


def decl(src: str):
    return parse_unit("package p;\n" + src, "X.java").types[0]


def test_json_property_names_and_ignore_unknown():
    d = decl("""
@Data
@JsonIgnoreProperties(ignoreUnknown = true)
public class T implements Serializable {
    private static final long serialVersionUID = 1L;
    @JsonProperty("table_path")
    private String tablePath;
    @JsonProperty("batch_size")
    private int batchSize;
    @JsonIgnore
    private String internal;
    private boolean isSqlStrategyRead;
}""")
    assert jackson_keys(d) == ["table_path", "batch_size", "sqlStrategyRead"]
    assert jackson_ignores_unknown(d) is True


def test_lombok_field_names_and_strict_mapping():
    d = decl("""
@Data
public class SourceTableConfig implements Serializable {
    private String namespace;
    private Long startSnapshotId;
    private IcebergStreamScanStrategy streamScanStrategy = KEY_STREAM_SCAN_STRATEGY.defaultValue();
    private Boolean isRegex;
}""")
    # a boxed Boolean keeps its name (Lombok: getIsRegex/setIsRegex)
    assert jackson_keys(d) == ["namespace", "startSnapshotId", "streamScanStrategy", "isRegex"]
    assert jackson_ignores_unknown(d) is False
    d = decl("@JsonIgnoreProperties(ignoreUnknown = false)\n@Data\npublic class A { private String a; }")
    assert jackson_ignores_unknown(d) is False


def test_not_a_plain_data_class():
    # no Lombok accessors and no @JsonProperty: Jackson sees no properties we can name
    assert jackson_keys(decl("public class A { private String a; }")) is None
    # a superclass's fields are not followed: no key list rather than a short one
    assert jackson_keys(decl("@Data\npublic class B extends A { private String b; }")) is None
