"""The runbook test: every ```bash and ```sql block of docs/RUNBOOK.md, run as written against a running stack.

A block runs unless the line right before its fence is `<!-- runbook-test: skip REASON -->` (a command that needs
a person, a live broker, or the id of a real incident); skipped blocks are printed with their reason. The block
under "Setup for the commands below" is the prelude of every bash block. Rewritten for the test stack only:
127.0.0.1:80NN -> the stack's port (PORT_OFFSET), database `tripwire` -> PG_DB, `.run/` -> RUN_DIR, `redis-cli`
-> the stack's REDIS_URL, `make` -> make in the repository with the stack's environment. curl fails on any HTTP
error (--fail-with-body), every block runs with `set -euo pipefail`; SQL blocks run with ON_ERROR_STOP.
Exit 1 if any block failed."""
import os, re, subprocess, sys, tempfile

SKIP = re.compile(r"<!--\s*runbook-test:\s*skip\s+(.*?)\s*-->")

def blocks(text):
    lines, out, i = text.split("\n"), [], 0
    section = ""
    while i < len(lines):
        line = lines[i]
        if line.startswith("#"):
            section = line.lstrip("#").strip()
        m = re.match(r"^```(bash|sql)\s*$", line)
        if m:
            j = i + 1
            while not lines[j].startswith("```"):
                j += 1
            prev = next((l for l in reversed(lines[:i]) if l.strip()), "")
            skip = SKIP.search(prev)
            out.append({"lang": m.group(1), "line": i + 1, "section": section, "body": "\n".join(lines[i + 1:j]),
                        "skip": skip.group(1) if skip else None})
            i = j
        i += 1
    return out

def rewrite(body, env):
    offset = int(env.get("PORT_OFFSET", "0"))
    body = re.sub(r"127\.0\.0\.1:(80\d\d)\b", lambda m: f"127.0.0.1:{int(m.group(1)) + offset}", body)
    body = re.sub(r"(5432/)tripwire\b", r"\g<1>" + env["PG_DB"], body)
    body = body.replace("datname = 'tripwire'", f"datname = '{env['PG_DB']}'")
    return body.replace(".run/", env["RUN_DIR_ABS"] + "/")

def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ)
    env["RUN_DIR_ABS"] = os.path.join(root, env["RUN_DIR"])
    all_blocks = blocks(open(os.path.join(root, "docs/RUNBOOK.md")).read())
    setup = next(b for b in all_blocks if b["section"].startswith("Setup for the commands"))
    prelude = "\n".join([
        "set -euo pipefail",
        f'make() {{ command make --no-print-directory -C "{root}" "$@"; }}',
        'curl() { command curl --fail-with-body --show-error -m 20 "$@"; }',
        'redis-cli() { command redis-cli -u "$REDIS_URL" "$@"; }',
        rewrite(setup["body"], env)])
    passed = failed = skipped = 0
    work = tempfile.mkdtemp(prefix="runbook-test-")
    for b in all_blocks:
        where = f"RUNBOOK.md:{b['line']} ({b['section']})"
        if b is setup:
            continue
        if b["skip"]:
            skipped += 1
            print(f"skip {where}: {b['skip']}")
            continue
        body = rewrite(b["body"], env)
        if b["lang"] == "sql":
            script = prelude + '\npsql "$DATABASE_URL" -X -q -v ON_ERROR_STOP=1 <<\'RUNBOOK_SQL\'\n' + body + "\nRUNBOOK_SQL\n"
        else:
            script = prelude + "\n" + body + "\n"
        run = subprocess.run(["bash", "-c", script], cwd=work, env=env, capture_output=True, text=True, timeout=180)
        if run.returncode == 0:
            passed += 1
            print(f"ok   {where}")
        else:
            failed += 1
            print(f"FAIL {where}: exit {run.returncode}")
            for l in (run.stdout.strip().split("\n")[-5:] + run.stderr.strip().split("\n")[-8:]):
                if l:
                    print("       " + l)
    print(f"runbook: {passed} blocks ran as written, {failed} failed, {skipped} skipped (reason printed)")
    sys.exit(1 if failed else 0)

if __name__ == "__main__":
    main()
