"""Ingestion health: every 15 minutes, alert when the stream falls behind or quarantines too much.

`servicelake status --max-lag N --max-quarantine-share X` exits 3 when a threshold is exceeded;
the task then fails after one re-check, and Airflow's failure notification (e-mail or the
deployment's on-failure callback) is the alert.
"""

from datetime import timedelta

from airflow import DAG
from servicelake_common import DEFAULT_ARGS, START_DATE, servicelake

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="servicelake_ingestion_health",
    description="Consumer lag and quarantine growth of the Kafka → Flink → Iceberg stream",
    schedule="*/15 * * * *",
    start_date=START_DATE,
    catchup=False,  # a health check of the past means nothing
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "retries": 1, "retry_delay": timedelta(minutes=2)},
    params={
        # ~20 s of ingestion at the measured 4.5k events/s on two cores: more is falling behind.
        "max_lag": 100000,
        # The quarantine normally holds a few per cent (bad records, producer-retry duplicates).
        "max_quarantine_share": 0.05,
        "window": "1h",
    },
    tags=["servicelake", "ingestion"],
) as dag:
    BashOperator(
        task_id="check_lag_and_quarantine",
        bash_command=servicelake(
            "status",
            "--max-lag {{ params.max_lag }}",
            "--max-quarantine-share {{ params.max_quarantine_share }}",
            "--window {{ params.window }}",
        ),
    )
