"""Marts, one day partition per run: the run for day D rebuilds exactly the partitions of D.

`build marts --from D --to D` overwrites D's partitions (whole months for monthly marts, plus each
model's look-back for late events), never appends: a retry or a second run gives identical
tables. Backfill a range with `airflow dags backfill -s 2025-01-01 -e 2025-01-31
servicelake_daily_marts`.
"""

from airflow import DAG
from servicelake_common import DEFAULT_ARGS, START_DATE, servicelake

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="servicelake_daily_marts",
    description="Rebuild the SQL models' partitions of one event date",
    schedule="0 2 * * *",  # the day's events are in by 02:00 (late ones are the look-back's job)
    start_date=START_DATE,
    catchup=False,
    # Runs of neighbouring days rewrite the same month partitions: one at a time.
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    params={"max_lag": 100000},
    tags=["servicelake", "marts"],
) as dag:
    ingestion_caught_up = BashOperator(
        task_id="ingestion_caught_up",
        bash_command=servicelake("status", "--max-lag {{ params.max_lag }}"),
    )
    build_marts = BashOperator(
        task_id="build_marts",
        bash_command=servicelake("build", "marts", "--from {{ ds }}", "--to {{ ds }}"),
    )
    ingestion_caught_up >> build_marts
