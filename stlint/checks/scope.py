"""Which files are checked at all (the decision is made in ``stlint.engine``)."""

from __future__ import annotations

from stlint.checks import model_rule

model_rule("not-a-job", "ST015", "info", "A file with no top-level env/source/transform/sink: not checked.", """
Only SeaTunnel jobs are checked. A file without a top-level `env`, `source`, `transform` or `sink`
(an Akka `application.conf`, an nginx config, a file of plugin options meant for `include`) gets
this one line instead of a page of errors. Directories are searched quietly: such files are
skipped (`-v` names them); this line appears only for a file named on the command line or opened
in an editor. A job file that another job `include`s is checked as a fragment: the rules that need
the whole job (sections present, the plugin graph, variables) stay silent on it.

Bad (not a job; nothing to check):
```hocon
akka {
  loglevel = "INFO"
}
```
Good (a job):
```hocon
env { job.mode = "BATCH" }
source { FakeSource {} }
sink { Console {} }
```
""", family="structure")
