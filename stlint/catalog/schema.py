"""Pydantic models validating the shipped catalog files and the overlay.

Used by tests and by `stlint catalog build`; never imported on the runtime path.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

OptionType = Literal["string", "int", "long", "float", "double", "decimal", "boolean", "enum", "list", "map", "object", "duration"]
Kind = Literal["source", "sink", "transform", "catalog"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class OptionModel(_Strict):
    key: str = Field(min_length=1)
    type: OptionType
    java_type: str | None = None
    element_type: OptionType | None = None
    # a list of objects Jackson maps onto a class of the tree (`listType(X.class)`): its name, the
    # JSON keys it reads and whether an unknown key is ignored (@JsonIgnoreProperties) or fails
    element_class: str | None = None
    element_keys: list[str] | None = None
    element_key_types: dict[str, OptionType] | None = None  # the Java field's type per key
    element_unknown: Literal["ignored", "fails"] | None = None
    enum_values: list[str] | None = None
    enum_class: str | None = None
    has_default: bool
    default: Any = None
    default_dynamic: bool | None = None
    default_text: str | None = None
    fallback_keys: list[str] | None = None
    choices: list[Any] | None = None
    declared_in: str | int | None = None  # int: index into the catalog's declared_in_table (.json.gz)
    source: Literal["rule", "overlay", "common", "read"] | None = None
    reason: str | None = None
    description: str | None = None  # withDescription(...) text from the declaration
    kind: Literal["prefix"] | None = None  # key ends with ".": every key starting with it is the option
    typesafe_reads: list[str] | None = None  # Typesafe Config getters the plugin's code reads the value with

    @model_validator(mode="after")
    def _check(self) -> "OptionModel":
        if self.default_dynamic and not self.has_default:
            raise ValueError(f"{self.key}: dynamic default without has_default")
        if self.source == "overlay" and not self.reason:
            raise ValueError(f"{self.key}: overlay option without reason")
        return self


class GroupModel(_Strict):
    type: Literal["optional", "required", "exclusive", "bundled", "conditional"]
    options: list[str]
    overrides: dict[str, OptionModel] | None = None
    option: str | None = None
    trigger_override: OptionModel | None = None
    values: list[Any] | None = None
    never_matches: bool | None = None

    @model_validator(mode="after")
    def _check(self) -> "GroupModel":
        if self.type == "conditional" and (self.option is None or self.values is None):
            raise ValueError("conditional group needs option and values")
        if self.type == "exclusive" and len(self.options) < 2:
            raise ValueError("exclusive group needs >= 2 options")
        return self


class PluginModel(_Strict):
    kind: Kind | Literal["env"]
    name: str = Field(min_length=1)
    factory: str | None = None
    validated: bool
    docs_url: str | None = None
    description: str | None = None  # what the plugin does: its docs page's Description (shipped apart, see dump_catalog)
    options: dict[str, OptionModel]
    rule: list[GroupModel]
    rule_resolved: bool | None = None
    mapping_only: bool | None = None
    runtime: list["RuntimeRequirement"] | None = None  # scanned startup checks (stlint.catalog.runtime_scan)

    @model_validator(mode="after")
    def _check(self) -> "PluginModel":
        for k, o in self.options.items():
            if k != o.key:
                raise ValueError(f"{self.name}: option map key {k!r} != {o.key!r}")
        for g in self.rule:
            for k in g.options + ([g.option] if g.option else []):
                if k not in self.options:
                    raise ValueError(f"{self.kind} {self.name}: rule references undeclared option {k!r}")
        return self


class TypesModel(_Strict):
    sql_types: list[str]
    aliases: dict[str, str]
    simple: list[str]
    complex: list[str]
    array_elements: list[str]
    decimal_message: str | None = None
    unsupported_message: str | None = None
    unsupported_code: str | None = None
    where: dict[str, str]


class SchemaKeyModel(OptionModel):
    where: str  # file:line of the read in the release's sources
    required: str | None = None  # SeaTunnel's message when the key is missing (orElseThrow)
    value: Literal["seatunnel-type"] | None = None  # the value is a SeaTunnel type name


class SchemaExclusiveModel(_Strict):
    container: str  # "schema"
    keys: list[str]  # the two keys the parser refuses together ("fields", "columns")
    message: str  # SeaTunnel's exception text
    where: str  # file:line of the message in the release's sources


class SchemaConversionModel(_Strict):
    failure: str | None = None  # ConfigUtil.convertValue's exception (a String.format pattern)
    failure_where: str | None = None
    split_warning: str | None = None  # logged before a string is split at commas into a list
    split_warning_where: str | None = None


class SchemaKeysModel(_Strict):
    containers: dict[str, dict[str, SchemaKeyModel]]  # "schema", "schema.columns[]", ... -> key -> option
    where: dict[str, str]  # parser class -> source file
    exclusive: list[SchemaExclusiveModel] = []  # keys the parser refuses together (schema_scan.py)
    conversion: SchemaConversionModel | None = None  # how a read converts a value (ConfigUtil)


class CatalogModel(_Strict):
    format: Literal[1]
    version: str
    seatunnel_version: str | None = None
    source_commit: str | None = None
    source: str | None = None
    common: dict[Literal["source", "transform", "sink"], dict[str, OptionModel]]
    env: PluginModel
    plugins: list[PluginModel]
    option_keys: list[str] = []  # every Options.key literal of the tree (any plugin may read these)
    types: TypesModel | None = None  # schema type names the release's parser accepts (types_scan.py)
    declared_in_table: list[str] = []  # the shipped .json.gz stores each declaring class once (load time)
    schema_keys: SchemaKeysModel | None = None  # keys read inside `schema { }` (schema_scan.py)

    @model_validator(mode="after")
    def _unique(self) -> "CatalogModel":
        seen = set()
        for p in self.plugins:
            k = (p.kind, p.name.lower())
            if k in seen:
                raise ValueError(f"duplicate plugin {k}")
            seen.add(k)
        return self


class IndexEntry(_Strict):
    id: str
    file: str
    seatunnel_version: str | None = None
    source: str | None = None
    source_commit: str | None = None
    date: str | None = None
    report: str | None = None
    common_keys: dict[str, list[str]] | None = None
    deprecated_keys: dict[str, str] | None = None
    descriptions: str | None = None  # the release's lazily loaded descriptions file


class IndexModel(_Strict):
    default: str
    versions: list[IndexEntry]

    @model_validator(mode="after")
    def _default_is_newest(self) -> "IndexModel":
        if not self.versions or self.versions[0].id != self.default:
            raise ValueError("default must be the first (newest) version")
        return self


# ---------------------------------------------------------------------------
# overlay


class OverlayOption(_Strict):
    type: OptionType
    element_type: OptionType | None = None
    has_default: bool = False
    default: Any = None
    enum_values: list[str] | None = None
    fallback_keys: list[str] | None = None
    versions: list[str] | None = None
    description: str | None = None  # what the option does (shown by hover and completion)
    kind: Literal["prefix"] | None = None  # key ends with ".": every key starting with it is the option
    reason: str = Field(min_length=5)


class OverlayRule(_Strict):
    type: Literal["required", "exclusive", "bundled", "one_of", "conditional"]
    options: list[str] = Field(min_length=1)
    option: str | None = None
    values: list[Any] | None = None
    reason: str = Field(min_length=5)


class OverlayHint(_Strict):
    """What to tell about an unknown key a plugin does not read: a key to suggest instead and/or
    one sentence (e.g. Sql `sql` -> `query`; env `logging.level` -> log4j2 files)."""

    suggest: str | None = None
    message: str | None = None
    versions: list[str] | None = None
    reason: str = Field(min_length=5)

    @model_validator(mode="after")
    def _something(self) -> "OverlayHint":
        if not self.suggest and not self.message:
            raise ValueError("a hint needs `suggest` or `message`")
        return self


class OverlayPlugin(_Strict):
    kind: Literal["source", "sink", "transform", "env"]
    name: str
    versions: list[str] | None = None
    reason: str | None = None
    fields: list[str] | None = None
    options: dict[str, OverlayOption] | None = None
    rules: list[OverlayRule] | None = None
    docs_page: str | None = None
    validated: bool | None = None
    note: str | None = None
    # map option that carries the client's own settings (Kafka `kafka.config`): a top-level key that
    # looks like a client property (`group.id`) gets the hint to put it there
    passthrough: str | None = None
    hints: dict[str, OverlayHint] | None = None
    # option -> values under which the plugin builds its table without SeaTunnel's schema parser
    # (Kafka source `format = native`): the schema rules leave its `schema` alone
    schema_unused_when: dict[str, list[str]] | None = None

    @model_validator(mode="after")
    def _reasons(self) -> "OverlayPlugin":
        needs_reason = bool(self.fields) or self.docs_page is not None or self.validated is not None or bool(self.note) \
            or self.passthrough is not None or bool(self.schema_unused_when)
        if needs_reason and not (self.reason and len(self.reason) >= 5):
            raise ValueError(f"overlay entry {self.kind} {self.name} needs a one-line reason")
        if self.reason and "\n" in self.reason.strip():
            raise ValueError("reason must be one line")
        return self


class RuntimeRequirement(_Strict):
    """A requirement SeaTunnel enforces at startup outside optionRule() (scanned or audited)."""

    type: Literal["required", "one_of", "conditional"]
    options: list[str] = Field(min_length=1)
    option: str | None = None  # conditional on a value: the trigger option ...
    values: list[Any] | None = None  # ... and the values that trigger it
    present: str | None = None  # conditional on presence: this key is set
    message: str = Field(min_length=3)  # exactly what SeaTunnel throws (exception class for an NPE)
    where: str = Field(pattern=r"^[\w./-]+\.java:\d+$")  # path:line in the newest release listed
    message_where: str | None = Field(default=None, pattern=r"^[\w./-]+\.java:\d+$")  # where the text is defined, if elsewhere
    releases: str | None = None
    per_table: bool | None = None
    strict: bool | None = None
    origin: Literal["scan"] | None = None

    @model_validator(mode="after")
    def _cond(self) -> "RuntimeRequirement":
        if self.type == "conditional" and self.present is None and (self.option is None or self.values is None):
            raise ValueError("a conditional runtime requirement needs `present` and/or `option` + `values`")
        if (self.option is None) != (self.values is None):
            raise ValueError("`option` and `values` go together")
        return self


class OverlayRuntime(RuntimeRequirement):
    kind: Literal["source", "sink", "transform"]
    name: str | None = None
    names: list[str] | None = None
    since: str | None = None
    until: str | None = None
    releases: str = Field(min_length=5)
    reason: str = Field(min_length=5)

    @model_validator(mode="after")
    def _names(self) -> "OverlayRuntime":
        if (self.name is None) == (self.names is None):
            raise ValueError("runtime entry: give `name` or `names`")
        return self


class OverlayMultiTable(_Strict):
    kind: Literal["source", "sink", "transform"]
    names: list[str] = Field(min_length=1)
    option: str
    keys: list[str] | None = None  # None: each entry is read as a whole plugin config
    # Jackson maps each entry onto the option's element class: the keys and whether an unknown key
    # fails come from the catalog (`element_keys`, `element_unknown`, found by the scan per release)
    jackson: bool = False
    # True: Jackson maps each entry onto a class without ignoreUnknown (ConfigUtil's default
    # ObjectMapper), so an unknown key fails the job; False: unknown keys are ignored
    unknown_fails: bool = False
    # entries read as a whole plugin config: keys the plugin reads from the block only (SeaTunnel
    # ignores them inside an entry)
    block_only: list[str] | None = None
    # entries read as a whole plugin config: keys an entry has besides the plugin's own options
    # (a transform's `table_transform` entry names its table with `table_path`)
    extra_keys: list[str] | None = None
    # the Java file of the Jackson-mapped entry class when `where` (the read) is elsewhere
    class_where: str | None = Field(default=None, pattern=r"^[\w./-]+\.java$")
    where: str = Field(pattern=r"^[\w./-]+\.java:\d+$")
    releases: str = Field(min_length=5)
    since: str | None = None
    until: str | None = None
    reason: str = Field(min_length=5)


class OverlayDocs(_Strict):
    dev_pattern: str
    released_pattern: str
    released: list[str] = []


class OverlayRowPlaceholder(_Strict):
    """An option whose `${name}` the plugin itself fills at run time (per row, file or request):
    no SeaTunnel variable. `names`/`name_pattern` restrict the names it fills (neither: any row
    field). `use: first_whole` says the plugin uses only the first placeholder's value as the whole
    value (the text around it and later placeholders are dropped)."""

    kind: Literal["source", "sink", "transform"]
    plugins: list[str] = Field(min_length=1)
    option: str = Field(min_length=1)
    names: list[str] | None = None
    name_pattern: str | None = None
    filled_with: str = Field(min_length=3)
    use: Literal["each", "first_whole"] = "each"
    source: str = Field(min_length=10)  # SeaTunnel file:line (and release) that substitutes them
    versions: list[str] | None = None
    reason: str = Field(min_length=5)


class OverlayFieldUnless(_Strict):
    option: str = Field(min_length=1)
    equals: Any = None  # None: the option being written is enough


class OverlayFieldRef(_Strict):
    """An option whose values name fields of the row the plugin reads (`primary_keys`, partition
    fields ...). `shape`: `list` (a list or a comma-separated string) or `value` (one name).
    `severity: error` when
    SeaTunnel fails on a name the row lacks (`message` is its message with `{field}`, `where` the
    file:line in `releases`), `warning` when it goes on without it (`message` says what happens).
    `unless`: options under which SeaTunnel does not look the names up. `ignore_case`: SeaTunnel
    compares the names without regard to case."""

    kind: Literal["source", "sink", "transform"]
    plugins: list[str] = Field(min_length=1)
    option: str = Field(min_length=1)
    shape: Literal["list", "value"] = "list"
    severity: Literal["error", "warning"]
    message: str = Field(min_length=5)
    where: str = Field(pattern=r"^[\w./-]+\.java:\d+$")
    releases: str = Field(min_length=5)
    since: str | None = None
    until: str | None = None
    unless: list[OverlayFieldUnless] = []
    ignore_case: bool = False
    reason: str = Field(min_length=5)


class Overlay(_Strict):
    docs: OverlayDocs | None = None
    common: dict[Literal["source", "transform", "sink"], dict[str, OverlayOption]] = {}
    plugins: list[OverlayPlugin] = []
    runtime: list[OverlayRuntime] = []
    multi_table: list[OverlayMultiTable] = []
    row_placeholders: list[OverlayRowPlaceholder] = []
    field_refs: list[OverlayFieldRef] = []


def validate_catalog(data: dict[str, Any]) -> CatalogModel:
    return CatalogModel.model_validate(data)


PluginModel.model_rebuild()
CatalogModel.model_rebuild()
