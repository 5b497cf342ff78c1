"""Starts `gavel emulate` on a snapshot and stops it again (SIGTERM)."""

import os
import queue
import re
import signal
import subprocess
import threading
import time

_LISTENING = re.compile(r"^listening on (http://127\.0\.0\.1:(\d+)/api/v10)\s*$")


class EmulatorError(RuntimeError):
    pass


class Emulator:
    """One `gavel emulate` process; use as a context manager."""

    def __init__(self, gavel, snapshot, token, extra_args=(), start_timeout=60.0):
        self.argv = [gavel, "emulate", "--snapshot", snapshot, "--port", "0", "--token", token, *extra_args]
        self.token = token
        self.start_timeout = start_timeout
        self.proc = None
        self.url = None
        self.stderr_lines = []
        self.stdout_lines = []

    @property
    def root(self):
        """http://127.0.0.1:PORT, where the admin API (/_emulator/...) lives."""
        return self.url[: -len("/api/v10")]

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self.proc = subprocess.Popen(
            self.argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        first = queue.Queue()

        def pump_stdout():
            for line in self.proc.stdout:
                if not self.stdout_lines:
                    first.put(line)
                self.stdout_lines.append(line)
            first.put(None)

        def pump_stderr():
            for line in self.proc.stderr:
                self.stderr_lines.append(line)

        threading.Thread(target=pump_stdout, daemon=True).start()
        threading.Thread(target=pump_stderr, daemon=True).start()
        try:
            line = first.get(timeout=self.start_timeout)
        except queue.Empty:
            self.stop()
            raise EmulatorError(
                f"`{' '.join(self.argv)}` printed nothing within {self.start_timeout:.0f} s; stderr:\n{self.stderr()}"
            )
        if line is None:
            self.proc.wait(timeout=10)
            raise EmulatorError(
                f"`{' '.join(self.argv)}` exited with {self.proc.returncode} before listening; stderr:\n{self.stderr()}"
            )
        m = _LISTENING.match(line)
        if not m:
            self.stop()
            raise EmulatorError(
                f"first stdout line of `gavel emulate` is {line!r}, expected 'listening on http://127.0.0.1:PORT/api/v10'"
            )
        self.url = m.group(1)
        return self.url

    def stderr(self):
        time.sleep(0.05)
        return "".join(self.stderr_lines[-40:]) or "(empty)"

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
            raise EmulatorError("`gavel emulate` ignored SIGTERM for 10 s and had to be killed")

    def exited_cleanly(self):
        rc = self.proc.returncode if self.proc else None
        return rc in (0, -signal.SIGTERM)


def find_gavel(explicit=None):
    gavel = explicit or os.environ.get("GAVEL_BINARY")
    if not gavel or not os.access(gavel, os.X_OK):
        raise EmulatorError(
            f"gavel binary not found ({gavel!r}); pass --gavel PATH or set GAVEL_BINARY to the built gavel"
        )
    return gavel
