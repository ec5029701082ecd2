"""Say plainly, before the suite runs, whether the browser tests can run here."""
import os
import shutil

CHROMIUM = "/usr/bin/chromium"
if os.path.exists(CHROMIUM):
    print(f"browser tests: using {CHROMIUM}")
elif os.environ.get("CI"):
    raise SystemExit(f"browser tests: {CHROMIUM} is missing; .ci/run installs Debian's chromium")
else:
    print(f"browser tests: SKIPPED: {CHROMIUM} not found (apt-get install chromium to run them)"
          + ("" if shutil.which("apt-get") is None else ""))
