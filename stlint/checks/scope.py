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

model_rule("file-too-large", "ST013", "error", "A file over stlint's size limit (16 MiB): not checked.", """
stlint reads at most 16 MiB of a file (an editor buffer too): a SeaTunnel job is a few KB (the largest
of SeaTunnel's own 781 CI jobs is 20 KB), so a bigger file is almost surely not a job, and reading it
would cost memory and time for nothing. Such a file gets this one finding at 1:1 instead of being
parsed, in every output format (text, json, github, sarif, report) and in the editor. The limit is
the environment variable `STLINT_MAX_FILE_SIZE` (a number of bytes). Exit code 1, like any error.

Bad (`stlint check huge.conf` with a 17 MB file):
```text
huge.conf:1:1: error file-too-large file is 17825792 bytes, more than 16 MiB, stlint's size limit: not checked (set STLINT_MAX_FILE_SIZE to a number of bytes to raise it)
```
Good: keep generated data out of job files (SeaTunnel reads rows from sources, not from the config),
or raise the limit for this run: `STLINT_MAX_FILE_SIZE=67108864 stlint check huge.conf`.
""", family="structure")

model_rule("unreadable-file", "ST014", "error", "A file stlint cannot or will not read (FIFO, device, "
           "permissions): not checked.", """
stlint reads only regular files: a FIFO (named pipe), a socket or a device named on the command line is
refused instead of blocking or reading forever, and a file the operating system will not open (no
permission, an I/O error) cannot be checked. Either way the file gets this one finding at 1:1 with the
reason, in every output format, and the exit code is 1 like any error. (A path that does not exist
is a usage error instead: exit 2.) Directories are searched for regular files only.

Bad:
```text
$ mkfifo job.conf && stlint check job.conf
job.conf:1:1: error unreadable-file cannot read the file: is a FIFO (named pipe), not a regular file; stlint only reads regular files: not checked
```
Good: check the file itself (`stlint check real/job.conf`), or pipe its text through stdin:
`cat job.conf | stlint check - --stdin-filename job.conf`.
""", family="structure")
