#!/usr/bin/python3
"""Checks the ServiceLake DAGs without an Airflow installation (and with one, when present).

  /usr/bin/python3 airflow-dags/tests/check_dags.py [--dags DIR] [--date YYYY-MM-DD] [--json FILE]
                                                   [--airflow-dags-test DAG_ID]

- imports every DAG file: with the real Airflow when it is importable, else with the stand-in
  package next to this file (tests/airflow_standin, test use only); while a DAG file is imported,
  opening files, sockets and processes raises, so a DAG that does I/O at import fails here;
- every DAG: task ids unique, no cycle (Kahn's algorithm on the upstream ids), every task a
  BashOperator that runs the ServiceLake CLI and has retries;
- renders each command for --date as Airflow would ({{ ds }}, {{ params.* }}; an unknown template
  variable is an error) and writes, per DAG in topological order, the task ids and the CLI
  arguments to --json, so the Java tests can run each command with --help and run the daily chain;
- `build marts` must be given --from and --to the run's date: one partition per run.
- --airflow-dags-test: where Airflow is installed, also runs `airflow dags test DAG_ID DATE`.

Exit 0 when every check passes; 1 with one line per problem otherwise.
"""

import argparse
import builtins
import importlib.util
import json
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CLI_SUFFIX = "/servicelake"


def load_airflow():
    """The real Airflow if importable, else the stand-in; returns its description."""
    try:
        import airflow  # noqa: F401

        return "Apache Airflow " + airflow.__version__
    except ImportError:
        sys.path.insert(0, str(HERE / "airflow_standin"))
        import airflow

        return "stand-in airflow package (" + str(Path(airflow.__file__).parent) + ")"


class IoAtImport(Exception):
    pass


def _refuse(what):
    def refuse(*args, **kwargs):
        raise IoAtImport(f"{what} while the DAG file is imported: move it into a task")

    return refuse


def import_dag_files(dags_dir, problems):
    """Imports each *.py of dags_dir under I/O guards; returns the DAG objects found."""
    import airflow
    from airflow import DAG

    sys.path.insert(0, str(dags_dir))
    dags = []
    for path in sorted(dags_dir.glob("*.py")):
        # a module name of its own, as Airflow does: a DAG file never shadows another module
        name = "servicelake_dag_file_" + path.stem
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        code = spec.loader.get_code(name)  # read the source before the guards go up
        saved = (builtins.open, socket.socket, subprocess.Popen, os.system)
        builtins.open = _refuse("open()")
        socket.socket = _refuse("a socket")
        subprocess.Popen = _refuse("a subprocess")
        os.system = _refuse("os.system()")
        airflow._registered.clear()
        try:
            sys.modules[name] = module
            exec(code, module.__dict__)
        except Exception as e:  # noqa: BLE001  (any import error is the finding)
            problems.append(f"{path.name}: import failed: {type(e).__name__}: {e}")
            continue
        finally:
            builtins.open, socket.socket, subprocess.Popen, os.system = saved
        found = list(airflow._registered)
        found += [v for v in vars(module).values() if isinstance(v, DAG) and v not in found]
        for dag in found:
            dag.fileloc = str(path)
        dags.extend(found)
    return dags


def import_with_dagbag(dags_dir, problems):
    from airflow.models import DagBag

    bag = DagBag(dag_folder=str(dags_dir), include_examples=False)
    for file, error in bag.import_errors.items():
        problems.append(f"{file}: import failed: {error}")
    return list(bag.dags.values())


def topological_order(dag, problems):
    """Task ids in dependency order; a cycle is reported and its tasks left out."""
    upstream = {t.task_id: set(t.upstream_task_ids) for t in dag.tasks}
    for task_id, ups in upstream.items():
        for up in ups:
            if up not in upstream:
                problems.append(f"{dag.dag_id}.{task_id}: upstream {up} is not a task of the DAG")
    order = []
    ready = sorted(t for t, ups in upstream.items() if not ups)
    remaining = {t: set(ups) & set(upstream) for t, ups in upstream.items()}
    while ready:
        task_id = ready.pop(0)
        order.append(task_id)
        for other, ups in remaining.items():
            if task_id in ups:
                ups.discard(task_id)
                if not ups and other not in order and other not in ready:
                    ready.append(other)
        ready.sort()
    cyclic = sorted(set(upstream) - set(order))
    if cyclic:
        problems.append(f"{dag.dag_id}: cycle among tasks {cyclic}")
    return order


def render(template, dag, date):
    import jinja2

    env = jinja2.Environment(undefined=jinja2.StrictUndefined)
    context = {
        "ds": date,
        "ds_nodash": date.replace("-", ""),
        "params": dict(dag.params),
        "dag": dag,
    }
    return env.from_string(template).render(**context)


def check_dag(dag, date, problems):
    order = topological_order(dag, problems)
    if not dag.tasks:
        problems.append(f"{dag.dag_id}: no tasks")
    tasks = []
    for task_id in order:
        task = dag.task_dict[task_id]
        where = f"{dag.dag_id}.{task_id}"
        if not (task.retries or 0) >= 1:
            problems.append(f"{where}: no retries")
        command = getattr(task, "bash_command", None)
        if not isinstance(command, str):
            problems.append(f"{where}: not a BashOperator running the ServiceLake CLI")
            continue
        try:
            rendered = render(command, dag, date)
        except Exception as e:  # noqa: BLE001
            problems.append(f"{where}: template does not render: {e}")
            continue
        words = shlex.split(rendered)
        if not words or not words[0].endswith(CLI_SUFFIX):
            problems.append(f"{where}: does not run the ServiceLake CLI: {rendered}")
            continue
        args = words[1:]
        if args[:2] == ["build", "marts"] and not (
            _value(args, "--from") == date and _value(args, "--to") == date
        ):
            problems.append(f"{where}: build marts must rebuild exactly the run's date partition")
        tasks.append(
            {
                "task_id": task_id,
                "upstream": sorted(task.upstream_task_ids),
                "retries": task.retries,
                "command": rendered,
                "cli_args": args,
            }
        )
    return {
        "dag_id": dag.dag_id,
        "file": Path(getattr(dag, "fileloc", "")).name,
        "schedule": str(getattr(dag, "schedule", getattr(dag, "schedule_interval", None))),
        "tasks": tasks,
    }


def _value(args, option):
    return args[args.index(option) + 1] if option in args[:-1] else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dags", type=Path, default=HERE.parent)
    parser.add_argument("--date", default="2025-01-15")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--airflow-dags-test", metavar="DAG_ID")
    options = parser.parse_args()

    airflow = load_airflow()
    real = not airflow.startswith("stand-in")
    problems = []
    dags_dir = options.dags.resolve()
    dags = import_with_dagbag(dags_dir, problems) if real else import_dag_files(dags_dir, problems)
    ids = [d.dag_id for d in dags]
    for dag_id in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"DAG id {dag_id} is defined twice")
    report = {
        "airflow": airflow,
        "dags": [check_dag(d, options.date, problems) for d in sorted(dags, key=lambda d: d.dag_id)],
    }
    if options.json:
        options.json.write_text(json.dumps(report, indent=2))
    print(f"{len(dags)} DAGs checked with {airflow}")
    if options.airflow_dags_test:
        if real:
            done = subprocess.run(["airflow", "dags", "test", options.airflow_dags_test, options.date])
            if done.returncode != 0:
                problems.append(f"airflow dags test {options.airflow_dags_test} failed")
        else:
            print("Airflow is not installed: `airflow dags test` not run")
    for problem in problems:
        print("PROBLEM: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
