"""Trino over JDBC for the ServiceLake notebooks (Debian's python3-jpype + the Trino JDBC driver).

Every connection setting comes from the environment, so moving Trino to HTTPS with passwords
changes environment values, never a notebook:

  SERVICELAKE_TRINO_JDBC_URL         jdbc:trino://127.0.0.1:18080/lake (the quickstart default)
  SERVICELAKE_TRINO_USER             user name; default: the notebook's group (engineering, ...)
  SERVICELAKE_TRINO_USER_<GROUP>     user name for one group (wins over SERVICELAKE_TRINO_USER)
  SERVICELAKE_TRINO_PASSWORD         password (only sent over SSL; Trino refuses it on plain HTTP)
  SERVICELAKE_TRINO_PASSWORD_<GROUP> password for one group (wins over SERVICELAKE_TRINO_PASSWORD)
  SERVICELAKE_TRINO_SSL              true / false (default false)
  SERVICELAKE_TRINO_SSL_VERIFICATION FULL, CA or NONE (NONE accepts the self-signed default)
  SERVICELAKE_TRINO_TRUSTSTORE       trust store file, and SERVICELAKE_TRINO_TRUSTSTORE_PASSWORD
  SERVICELAKE_TRINO_JDBC_JAR         the driver jar; default: the trino-jdbc jar the build put on
                                     the launcher class path (launcher/target/classpath.txt)
"""

import os
from pathlib import Path

import jpype
import jpype.imports  # noqa: F401  (enables Java imports after the JVM starts)
import pandas as pd

REPO = Path(__file__).resolve().parent.parent
DEFAULT_URL = "jdbc:trino://127.0.0.1:18080/lake"


def _env(name, group=None, default=None):
    if group:
        value = os.environ.get(f"{name}_{group.upper()}")
        if value:
            return value
    value = os.environ.get(name)
    return value if value else default


def driver_jar():
    """The Trino JDBC driver: SERVICELAKE_TRINO_JDBC_JAR, else the one on the launcher class path."""
    configured = os.environ.get("SERVICELAKE_TRINO_JDBC_JAR")
    if configured:
        return configured
    classpath = REPO / "launcher" / "target" / "classpath.txt"
    if not classpath.exists():
        raise RuntimeError(
            f"{classpath} is missing: build once (./servicelake --help, or mvn -B package"
            " -DskipTests) or set SERVICELAKE_TRINO_JDBC_JAR to a trino-jdbc jar."
        )
    for entry in classpath.read_text().strip().split(os.pathsep):
        if Path(entry).name.startswith("trino-jdbc-"):
            return entry
    raise RuntimeError(f"no trino-jdbc jar in {classpath}; set SERVICELAKE_TRINO_JDBC_JAR.")


def _jpype_support_jar():
    """JPype's own jar: Debian's python3-jpype 1.4 installs it in /usr/share/java but does not put
    it on the class path itself (the JVM then fails with ClassNotFoundException DynamicClassLoader)."""
    for candidate in (
        Path(jpype.__file__).resolve().parent.parent / "org.jpype.jar",
        Path("/usr/share/java/org.jpype.jar"),
    ):
        if candidate.exists():
            return [str(candidate)]
    return []


def settings(group):
    """The connection settings for a group's user, as read from the environment."""
    return {
        "url": _env("SERVICELAKE_TRINO_JDBC_URL", default=DEFAULT_URL),
        "user": _env("SERVICELAKE_TRINO_USER", group, default=group),
        "password": _env("SERVICELAKE_TRINO_PASSWORD", group),
        "ssl": _env("SERVICELAKE_TRINO_SSL", default="false").lower() == "true",
        "ssl_verification": _env("SERVICELAKE_TRINO_SSL_VERIFICATION"),
        "truststore": _env("SERVICELAKE_TRINO_TRUSTSTORE"),
        "truststore_password": _env("SERVICELAKE_TRINO_TRUSTSTORE_PASSWORD"),
    }


class Trino:
    """One JDBC connection as one user; query() returns a pandas DataFrame with typed columns."""

    def __init__(self, group):
        s = settings(group)
        if not jpype.isJVMStarted():
            jpype.startJVM(classpath=[driver_jar()] + _jpype_support_jar(), convertStrings=True)
        from java.util import Properties  # noqa: E402  (a Java class, importable once the JVM runs)

        props = Properties()
        props.setProperty("user", s["user"])
        if s["password"]:
            props.setProperty("password", s["password"])
        if s["ssl"]:
            props.setProperty("SSL", "true")
            if s["ssl_verification"]:
                props.setProperty("SSLVerification", s["ssl_verification"])
            if s["truststore"]:
                props.setProperty("SSLTrustStorePath", s["truststore"])
                if s["truststore_password"]:
                    props.setProperty("SSLTrustStorePassword", s["truststore_password"])
        self.url = s["url"]
        self.user = s["user"]
        driver = jpype.JClass("io.trino.jdbc.TrinoDriver")()
        self._connection = driver.connect(self.url, props)
        if self._connection is None:
            raise RuntimeError(f"{self.url} is not a Trino JDBC URL")

    def query(self, sql):
        """Runs one statement; numbers come back as numbers, dates and timestamps as datetimes."""
        from java.sql import Types

        statement = self._connection.createStatement()
        try:
            rs = statement.executeQuery(sql)
            meta = rs.getMetaData()
            n = meta.getColumnCount()
            names = [str(meta.getColumnLabel(i)) for i in range(1, n + 1)]
            kinds = [int(meta.getColumnType(i)) for i in range(1, n + 1)]
            integers = {Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT}
            decimals = {Types.REAL, Types.FLOAT, Types.DOUBLE, Types.DECIMAL, Types.NUMERIC}
            rows = []
            while rs.next():
                row = []
                for i, kind in enumerate(kinds, start=1):
                    if kind in integers:
                        value = int(rs.getLong(i))
                    elif kind in decimals:
                        value = float(rs.getDouble(i))
                    elif kind == Types.BOOLEAN:
                        value = bool(rs.getBoolean(i))
                    else:
                        value = rs.getString(i)
                        value = None if value is None else str(value)
                    row.append(None if rs.wasNull() else value)
                rows.append(row)
        finally:
            statement.close()
        frame = pd.DataFrame(rows, columns=names)
        for name, kind in zip(names, kinds):
            if kind in (Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE):
                frame[name] = pd.to_datetime(frame[name], utc=kind != Types.DATE)
            elif kind in integers and frame[name].isna().any():
                frame[name] = frame[name].astype("Int64")
        return frame

    def close(self):
        self._connection.close()


def connect(group):
    """A connection as the group's user (engineering, finance, planner, analyst, ...)."""
    trino = Trino(group)
    print(f"Connected to {trino.url} as {trino.user}")
    return trino
