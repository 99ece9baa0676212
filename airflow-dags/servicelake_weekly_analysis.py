"""Weekly: component life (Weibull) and the 12-month parts forecast, after Monday's marts.

Each job replaces its table whole with the analysis as of the lake's last event date, so a retry
or a re-run of the same week gives the same table.
"""

from airflow import DAG
from servicelake_common import DEFAULT_ARGS, START_DATE, servicelake

try:  # Airflow 3
    from airflow.providers.standard.operators.bash import BashOperator
except ImportError:  # Airflow 2
    from airflow.operators.bash import BashOperator

with DAG(
    dag_id="servicelake_weekly_analysis",
    description="Weibull life per model × component and the parts-demand forecast",
    schedule="0 4 * * 1",  # Mondays 04:00, after the 02:00 marts run
    start_date=START_DATE,
    catchup=False,
    max_active_runs=1,
    # Both are Spark jobs over the same marts: one at a time keeps the cluster for the daily run.
    max_active_tasks=1,
    default_args=DEFAULT_ARGS,
    tags=["servicelake", "analysis"],
) as dag:
    BashOperator(task_id="build_life", bash_command=servicelake("build", "life"))
    BashOperator(task_id="build_forecast", bash_command=servicelake("build", "forecast"))
