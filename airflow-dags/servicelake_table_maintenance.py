"""Daily Iceberg maintenance: compaction, snapshot expiry, orphan-file removal.

`maintain` is safe while ingestion runs and idempotent: a second run finds nothing to compact or
expire. Its windows (snapshots older than 24 h, orphans older than 72 h) are the CLI's defaults.
"""

from airflow import DAG
from servicelake_common import DEFAULT_ARGS, START_DATE, servicelake

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="servicelake_table_maintenance",
    description="Compact, expire snapshots and remove orphan files of every lake table",
    schedule="0 5 * * *",  # after the 02:00 marts and Monday's 04:00 analysis
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    tags=["servicelake", "maintenance"],
) as dag:
    BashOperator(task_id="maintain_tables", bash_command=servicelake("maintain"))
