"""Stand-in for airflow.operators (see airflow/__init__.py): test use only."""
