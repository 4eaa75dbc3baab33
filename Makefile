# Tripwire operator entry points. `make` lists them. Each target is one line; the work is in scripts/.
# Isolated second stack: e.g. PORT_OFFSET=20000 RUN_DIR=.run-x PG_DB=tripwire_x make run (see scripts/lib.sh).

.DEFAULT_GOAL := help
SHELL := /bin/bash
# The build needs JDK 21+ and the machine's default java is 17: use the Temurin 25 JDK when it is there.
TEMURIN := /usr/lib/jvm/temurin-25-jdk-amd64
ifneq ($(wildcard $(TEMURIN)/bin/java),)
export JAVA_HOME := $(TEMURIN)
endif

.PHONY: help infra-up build run stop ps logs health test smoke check-ops k8s-render k8s-validate monitoring-up monitoring-down monitoring-test bench-gateway bench-alerts bench-reconciler bench-cli chaos two-replicas-test \
        status circuit-trip circuit-reset kill-switch kill-switch-off backup restore-fresh-test psql db-tables browser-test inbox

help: ## list the targets (default)
	@awk -F ':.*## ' '/^[a-z0-9-]+:.*## / { printf "  make %-18s %s\n", $$1, $$2 }' $(MAKEFILE_LIST)

infra-up: ## make sure Redis and PostgreSQL answer on 127.0.0.1 and the databases exist
	@scripts/infra-up.sh

build: ## build every module, tests skipped
	./mvnw -B -ntp package -DskipTests

run: ## build, start every service in the background, bootstrap .run/admin.key, show status
	@scripts/run.sh

stop: ## stop every service (TERM, then KILL after STOP_TIMEOUT=20 s)
	@scripts/stop.sh

ps: ## which services run: pid, port, ready?
	@scripts/ps.sh

logs: ## follow all service logs (SVC=name for one)
	@scripts/logs.sh $(SVC)

health: ## readiness of Redis, PostgreSQL and each service; fails when any is down
	@scripts/health.sh

inbox: ## alerts that went to the local sink (channels without real credentials), newest first: make inbox [N=20]
	@scripts/inbox.sh $(N)

status: ## positions, open orders, P&L, breaker, kill switch, reconciliation (seed 003 daily check)
	@scripts/tripwire status

circuit-trip: ## trip the breaker: make circuit-trip REASON="…" (at least 20 characters)
	@scripts/tripwire breaker trip --reason "$(REASON)"

circuit-reset: ## reset the breaker (QUIET_PERIOD, then OPEN; 1 per minute): make circuit-reset REASON="…" [YES=1]
	@scripts/tripwire breaker reset --reason "$(REASON)" $(if $(YES),--yes,)

kill-switch: ## kill switch: make kill-switch MODE=HALT_ONLY|CLOSE_POSITIONS REASON="…" (default CLOSE_POSITIONS: seed 003 "flatten")
	@scripts/tripwire kill-switch activate --mode "$(or $(MODE),CLOSE_POSITIONS)" --reason "$(REASON)"

kill-switch-off: ## kill switch off (needs PostgreSQL and Redis): make kill-switch-off REASON="…"
	@scripts/tripwire kill-switch deactivate --reason "$(REASON)"

test: ## infra-up, unit + integration tests (mvnw verify), the ops-asset checks (k8s-validate), the smoke test with the console in headless Chromium, the two-replica test and the monitoring test on its stack
	@scripts/infra-up.sh && scripts/reset-test-db.sh && ./mvnw -B -ntp -T 2 -b smart verify \
		&& scripts/check-ops-assets.sh && SMOKE_WITH="browser two-replicas monitoring" scripts/smoke-test.sh

check-ops: ## validate k8s/ (k8s-validate), prometheus/ rules (promtool tests), grafana/ dashboards and docs links offline
	@scripts/check-ops-assets.sh

k8s-render: ## render the Kustomize overlays into .run/k8s/<overlay>.yaml: make k8s-render [OVERLAY=dev|prod] (default both)
	@scripts/k8s-render.sh $(OVERLAY)

k8s-validate: ## both overlays rendered and validated offline: strict Kubernetes schemas, ports/probes/env names vs each service's config
	@scripts/k8s-validate.sh

monitoring-up: ## real Prometheus :9090 + Alertmanager :9093 (Debian packages, installed when missing) on the running stack, alerts to alert-router
	@scripts/monitoring-up.sh

monitoring-down: ## stop the Prometheus and Alertmanager of monitoring-up
	@scripts/monitoring-down.sh

monitoring-test: ## own stack (+18000) + Prometheus/Alertmanager + PagerDuty stub: dashboard and rule queries return series, a firing rule pages
	@scripts/monitoring-test.sh

smoke: ## smoke test alone: isolated stack on ports +10000 in .run-smoke/, stopped afterwards
	@scripts/smoke-test.sh

browser-test: ## web console in headless Chromium: isolated stack on ports +12000 in .run-browser/, stopped afterwards
	@scripts/browser-test.sh

bench-gateway: ## benchmark admission (accept and reject paths) against this machine's Redis/PostgreSQL limits
	@scripts/bench-gateway.sh

bench-alerts: ## alert router benchmark: 2400 alerts/s offered for 30 s via alerts:stream to stub providers (intake target 2000/s), figures vs targets
	@scripts/bench-alerts.sh

bench-reconciler: ## 10,000 orders + 1,000 positions reconciled vs the paper venue (<= 10 s); restart-to-READY (<= 5 s)
	@scripts/bench-reconciler.sh

bench-cli: ## tripwire command response time (hyperfine) vs the JVM-start and HTTP floor; needs make run (target < 1 s)
	@scripts/bench-cli.sh

two-replicas-test: ## two gateways on one Redis + PostgreSQL (own stack +20000, or REUSE_STACK=1): breaker, kill switch, rate limit, symbol cap, idempotency and fills hold across both
	@scripts/two-replicas-test.sh

chaos: ## fault injection on an own Redis + PostgreSQL cluster: kill switch/trip under load, Redis loss, malformed input, auth sweep (docs/reliability.md)
	@scripts/chaos.sh

backup: ## pg_dump (custom format) of PG_DB to BACKUP_DIR (default .run/backups) with a SHA-256 checksum and row counts
	@scripts/backup.sh

restore-fresh-test: ## restore the newest backup (or FILE=…) into a fresh database: checksum, row counts, audit chain → PASS/FAIL
	@scripts/restore-fresh-test.sh $(FILE)

psql: ## psql on the stack's database (PG_DB, default tripwire)
	@source scripts/lib.sh && exec psql -h 127.0.0.1 -U postgres -d "$$PG_DB"

db-tables: ## every table of the stack's database with its row count
	@source scripts/lib.sh && psql -h 127.0.0.1 -U postgres -d "$$PG_DB" -XAtqc "$$(cat scripts/sql/row-counts.sql)" | column -t -s '|'

.PHONY: approve-artifact
approve-artifact: ## seed 000 approver: make approve-artifact ID=… APPROVER=… NOTES="…" [TYPE=TECHNICAL or TECHNICAL,RISK,BUSINESS]
	@scripts/tripwire artifacts approve --id "$(ID)" --approver "$(APPROVER)" --type "$(or $(TYPE),TECHNICAL)" --notes "$(NOTES)"

.PHONY: backtest
backtest: ## deterministic backtest -> DRAFT artifact: make backtest STRATEGY=… [FROM=… TO=…] [CSV=path] [PARAMS=file.json]
	@scripts/tripwire backtest --strategy "$(STRATEGY)" $(if $(FROM),--from "$(FROM)") $(if $(TO),--to "$(TO)") $(if $(CSV),--csv "$(CSV)") $(if $(PARAMS),--params "$(PARAMS)")

# ---- seed 002: the manual desk (reconciler /api/v1/desk, scripts/desk.sh) and its database chores ----------------
.PHONY: migrate run-ops run-0800 reconcile-daily run-1400 confirm confirm-fills desk-cash desk-runs install-desk-timers
# `make reconcile-daily -- --snapshot-date … --position SYM=UNITS …`: make sees the words after -- as goals (made
# no-ops here) and SYM=UNITS as variables, which are handed on as MAKE_POSITIONS.
ifeq (reconcile-daily,$(firstword $(MAKECMDGOALS)))
RECONCILE_ARGS := $(wordlist 2,$(words $(MAKECMDGOALS)),$(MAKECMDGOALS))
$(eval $(sort $(RECONCILE_ARGS)):;@:)
endif

migrate: ## apply the Flyway migrations to the stack's database (PG_DB) and list them (services also migrate at start)
	@scripts/tripwire migrate

run-ops: ## seed 002 one-command ops run (no trading): data-quality report + gates, run summary under artifacts/runs/<run_id>/
	@scripts/desk.sh run-ops

run-0800: ## seed 002 08:00: data-quality report of the bars + gates (run summary under artifacts/runs/<run_id>/)
	@scripts/desk.sh run-0800

reconcile-daily: ## broker snapshot: make reconcile-daily -- --snapshot-date D --cash-gbp C --position SYM=UNITS --notes N (or SNAPSHOT_DATE= CASH_GBP= POSITIONS="SYM=U …" NOTES=)
	@MAKE_POSITIONS="$(-*-command-variables-*-)" scripts/desk.sh reconcile-daily $(RECONCILE_ARGS)

run-1400: ## seed 002 14:00: exactly one deterministic ticket, NO_TRADE unless every gate passes (DRYRUN_TRADES=true: test mode)
	@DRYRUN_TRADES="$(DRYRUN_TRADES)" scripts/desk.sh run-1400

confirm: ## acknowledge the newest NO_TRADE ticket (daily close-out) [TICKET=…] [NOTES=…]
	@TICKET="$(TICKET)" NOTES="$(NOTES)" scripts/desk.sh confirm

confirm-fills: ## fills of the TRADE ticket after manual execution: make confirm-fills FILLS_JSON=/path/to/fills.json [TICKET=…]
	@TICKET="$(TICKET)" scripts/desk.sh confirm-fills "$(FILLS_JSON)"

desk-cash: ## cash into (negative: out of) the desk ledger: make desk-cash AMOUNT=10000 NOTES="opening balance"
	@scripts/desk.sh cash "$(AMOUNT)" "$(NOTES)"

desk-runs: ## the newest desk runs with their outcome and gate [N=20]
	@scripts/desk.sh runs $(or $(N),20)

install-desk-timers: ## install the daily systemd timers (backup, 08:00, 14:00) from ops/systemd (needs root; see ops/systemd/README.md)
	@scripts/install-desk-timers.sh

.PHONY: install-backup-timer
install-backup-timer: ## seed 002: install the daily backup timer (trading-ops-db-backup.timer, 02:30 Europe/London)
	@scripts/install-desk-timers.sh trading-ops-db-backup
