"""Drive the hub as its users do, over HTTP only: the hub's REST API, then each user's server.

A student's "Assignments" tab and an instructor's formgrader page call the very endpoints used
here (nbgrader's assignment_list and formgrader server extensions); notebooks are saved with
the Contents API as JupyterLab saves them; code runs in a kernel over its websocket.

    hub = Hub("http://127.0.0.1:8000", service_token)
    alice = hub.server("alice")                 # starts alice's server, with a token of hers
    alice.fetch("dnn", "01-neurons")
"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import requests
import websocket


class HubError(RuntimeError):
    """A request to the hub or a server failed; the message says which and why."""


def _check(response: requests.Response, what: str) -> Any:
    if response.status_code >= 400:
        raise HubError(f"{what}: HTTP {response.status_code}: {response.text[:500]}")
    return response.json() if response.content else None


class Hub:
    """The hub's REST API (``/hub/api``) with a service token."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"

    def api(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self.session.request(method, f"{self.url}/hub/api{path}", timeout=60, **kwargs)
        return _check(response, f"{method} /hub/api{path}")

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "/")
                return
            except (requests.ConnectionError, HubError) as e:
                if time.monotonic() > deadline:
                    raise HubError(f"the hub at {self.url} did not answer within {timeout:.0f} s") from e
                time.sleep(0.5)

    def token_for(self, user: str, note: str = "course client") -> str:
        reply = self.api("POST", f"/users/{user}/tokens", json={"note": note, "expires_in": 3600})
        return reply["token"]

    def start(self, user: str, timeout: float = 120) -> None:
        self.api("POST", f"/users/{user}/server")
        deadline = time.monotonic() + timeout
        while True:
            model = self.api("GET", f"/users/{user}")
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return
            if time.monotonic() > deadline:
                raise HubError(f"{user}'s server was not ready within {timeout:.0f} s: {model}")
            time.sleep(0.5)

    def stop(self, user: str, timeout: float = 60) -> None:
        try:
            self.api("DELETE", f"/users/{user}/server")
        except HubError:
            return
        deadline = time.monotonic() + timeout
        while self.api("GET", f"/users/{user}").get("servers") and time.monotonic() < deadline:
            time.sleep(0.5)

    def server(self, user: str) -> Server:
        """Start ``user``'s server (if needed) and return a client acting as that user."""
        self.start(user)
        return Server(f"{self.url}/user/{user}", self.token_for(user))


class Server:
    """One user's single-user server, reached through the hub's proxy with the user's token."""

    def __init__(self, url: str, token: str) -> None:
        self.url = url.rstrip("/")
        self.token = token
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"token {token}"

    def request(self, method: str, path: str, timeout: float = 600, **kwargs: Any) -> Any:
        response = self.session.request(method, f"{self.url}{path}", timeout=timeout, **kwargs)
        return _check(response, f"{method} {self.url}{path}")

    # -- files (what JupyterLab's file browser and "save" do) ------------------------------------
    def read_notebook(self, path: str) -> dict:
        return self.request("GET", f"/api/contents/{path}", params={"content": 1})["content"]

    def save_notebook(self, path: str, notebook: dict) -> None:
        self.request("PUT", f"/api/contents/{path}",
                     json={"type": "notebook", "format": "json", "content": notebook})

    def list_dir(self, path: str = "") -> list[str]:
        return [e["name"] for e in self.request("GET", f"/api/contents/{path}")["content"]]

    def read_file(self, path: str) -> str:
        return self.request("GET", f"/api/contents/{path}", params={"content": 1, "format": "text",
                                                                     "type": "file"})["content"]

    # -- the student's Assignments tab (nbgrader's assignment_list extension) -------------------
    def assignments(self, course: str) -> list[dict]:
        return self._nbgrader(self.request("GET", "/assignments", params={"course_id": course}))

    def _action(self, action: str, course: str, assignment: str) -> list[dict]:
        reply = self.request("POST", f"/assignments/{action}",
                             data={"course_id": course, "assignment_id": assignment})
        return self._nbgrader(reply)

    def fetch(self, course: str, assignment: str) -> list[dict]:
        return self._action("fetch", course, assignment)

    def submit(self, course: str, assignment: str) -> list[dict]:
        return self._action("submit", course, assignment)

    def fetch_feedback(self, course: str, assignment: str) -> list[dict]:
        return self._action("fetch_feedback", course, assignment)

    @staticmethod
    def _nbgrader(reply: dict) -> Any:
        if not reply.get("success"):
            raise HubError(f"nbgrader said: {reply.get('value') or reply}")
        return reply["value"]

    # -- the instructor's formgrader -------------------------------------------------------------
    def formgrader(self, method: str, path: str, **kwargs: Any) -> Any:
        """Call ``/formgrader/api<path>``; actions (release, collect, ...) must report success."""
        reply = self.request(method, f"/formgrader/api{path}", **kwargs)
        if isinstance(reply, dict) and reply.get("success") is False:
            raise HubError(f"formgrader {path} failed: {reply.get('error') or reply.get('log')}")
        return reply

    # -- code in a kernel (what a notebook cell does) ---------------------------------------------
    def run(self, code: str, timeout: float = 120) -> tuple[str, str]:
        """Run ``code`` in a new kernel of this server: (status, printed text); kernel removed."""
        kernel = self.request("POST", "/api/kernels", json={"name": "python3"})
        ws_url = self.url.replace("http", "ws", 1) + f"/api/kernels/{kernel['id']}/channels"
        session, msg_id = uuid.uuid4().hex, uuid.uuid4().hex
        ws = websocket.create_connection(ws_url, header=[f"Authorization: token {self.token}"],
                                         timeout=timeout)
        try:
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": "", "session": session,
                           "msg_type": "execute_request", "version": "5.3"},
                "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
                "content": {"code": code, "silent": False, "store_history": False,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
            }))
            out, status, idle = [], None, False
            deadline = time.monotonic() + timeout
            while not (status and idle) and time.monotonic() < deadline:
                msg = json.loads(ws.recv())
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = msg["msg_type"], msg["content"]
                if kind == "stream":
                    out.append(content["text"])
                elif kind == "error":
                    out.append(f"{content['ename']}: {content['evalue']}")
                elif kind == "execute_reply":
                    status = content["status"]
                elif kind == "status":
                    idle = content["execution_state"] == "idle"
            if status is None:
                raise HubError(f"code did not finish within {timeout:.0f} s in {self.url}")
            return status, "".join(out)
        finally:
            ws.close()
            self.request("DELETE", f"/api/kernels/{kernel['id']}")
