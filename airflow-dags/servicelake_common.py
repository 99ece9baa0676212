"""What every ServiceLake DAG shares: how a task calls the CLI, and its retry policy.

Tasks run the same `./servicelake ...` commands an operator runs by hand. The worker needs a
built ServiceLake checkout in SERVICELAKE_HOME; the deployment's settings come, as for any run of
the CLI, from servicelake.properties in that checkout or SERVICELAKE_<KEY> environment variables
(README, "Configuration"), which BashOperator passes on from the worker's environment.

Nothing here does I/O: Airflow imports DAG files every few seconds.
"""

from datetime import datetime, timedelta, timezone

# Expanded by bash when the task runs, not when Airflow parses the file.
CLI = '"${SERVICELAKE_HOME:?set SERVICELAKE_HOME to the ServiceLake checkout on this worker}/servicelake"'

DEFAULT_ARGS = {
    "owner": "servicelake",
    # Spark and Trino jobs fail transiently (a commit conflict, a restarting node); every task
    # can run again because each one replaces what it writes.
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "retry_exponential_backoff": True,
    "execution_timeout": timedelta(hours=2),
}

START_DATE = datetime(2025, 1, 1, tzinfo=timezone.utc)


def servicelake(*args):
    """The bash command that runs one CLI command, e.g. servicelake("build", "life")."""
    return " ".join((CLI,) + args)
