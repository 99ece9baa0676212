"""A STAND-IN for Apache Airflow, used ONLY by airflow-dags/tests/check_dags.py.

Airflow cannot be installed on the build machines (no PyPI), so the test imports the DAG files
against this package instead. It implements just what the ServiceLake DAGs use — DAG as a
context manager, BashOperator, >> / << dependencies, default_args — with Airflow's names and
semantics, and rejects arguments Airflow would reject. It never runs anything. Where the real
Airflow is installed, check_dags.py uses it instead and also runs `airflow dags test`.
"""

from datetime import datetime, timedelta

__version__ = "stand-in"

_current = []
# DAGs used as a context manager, as Airflow >= 2.4 registers them (auto_register) even when no
# module variable holds them.
_registered = []


class AirflowException(Exception):
    pass


class DAG:
    def __init__(
        self,
        dag_id,
        description=None,
        schedule=None,
        start_date=None,
        end_date=None,
        catchup=True,
        default_args=None,
        params=None,
        max_active_runs=16,
        max_active_tasks=16,
        dagrun_timeout=None,
        tags=None,
        doc_md=None,
    ):
        if not isinstance(start_date, datetime) or start_date.tzinfo is None:
            raise AirflowException(f"{dag_id}: start_date must be a timezone-aware datetime")
        self.dag_id = dag_id
        self.description = description
        self.schedule = schedule
        self.start_date = start_date
        self.catchup = catchup
        self.default_args = dict(default_args or {})
        self.params = dict(params or {})
        self.max_active_runs = max_active_runs
        self.max_active_tasks = max_active_tasks
        self.tags = list(tags or [])
        self.task_dict = {}

    @property
    def tasks(self):
        return list(self.task_dict.values())

    def __enter__(self):
        _current.append(self)
        return self

    def __exit__(self, *exc):
        _current.pop()
        _registered.append(self)
        return False


class BaseOperator:
    _ARGS = {
        "owner",
        "retries",
        "retry_delay",
        "retry_exponential_backoff",
        "max_retry_delay",
        "execution_timeout",
        "email",
        "email_on_failure",
        "email_on_retry",
        "on_failure_callback",
        "pool",
        "queue",
        "depends_on_past",
    }

    def __init__(self, task_id, dag=None, **kwargs):
        dag = dag or (_current[-1] if _current else None)
        if dag is None:
            raise AirflowException(f"task {task_id} is not in a DAG")
        unknown = set(kwargs) - self._ARGS
        if unknown:
            raise AirflowException(f"Invalid arguments were passed to {task_id}: {sorted(unknown)}")
        if task_id in dag.task_dict:
            raise AirflowException(f"task id {task_id} is used twice in {dag.dag_id}")
        args = {**dag.default_args, **kwargs}
        unknown = set(args) - self._ARGS
        if unknown:
            raise AirflowException(f"Invalid default_args in {dag.dag_id}: {sorted(unknown)}")
        self.task_id = task_id
        self.dag = dag
        self.retries = args.get("retries", 0)
        self.retry_delay = args.get("retry_delay", timedelta(seconds=300))
        self.execution_timeout = args.get("execution_timeout")
        self.upstream_task_ids = set()
        self.downstream_task_ids = set()
        dag.task_dict[task_id] = self

    def set_downstream(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            self.downstream_task_ids.add(task.task_id)
            task.upstream_task_ids.add(self.task_id)

    def set_upstream(self, other):
        for task in other if isinstance(other, (list, tuple)) else [other]:
            task.set_downstream(self)

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        self.set_upstream(other)
        return other

    def __rrshift__(self, other):
        self.set_upstream(other)
        return self

    def __rlshift__(self, other):
        self.set_downstream(other)
        return self
