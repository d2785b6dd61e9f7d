"""What the desktop tests' fake D-Bus servers (fake_notifications.py,
fake_tray.py) share: JSON lines out, one command a line in, on a GLib loop.
"""
import json
import sys

import dbus
import dbus.service
from dbus.mainloop.glib import DBusGMainLoop
from gi.repository import GLib


def out(obj):
    sys.stdout.write(json.dumps(obj, default=str) + '\n')
    sys.stdout.flush()


def serve(iface, make, handle):
    """Owns `iface` on the session bus with the object `make(bus)`, then
    calls `handle(obj, line)` for each line of stdin (stripped) and answers
    {"done": line}; says {"ready": true} first, and ends when stdin closes."""
    DBusGMainLoop(set_as_default=True)
    bus = dbus.SessionBus()
    obj = make(bus)
    name = dbus.service.BusName(iface, bus, do_not_queue=True)  # noqa: F841 (kept alive)
    loop = GLib.MainLoop()

    def on_stdin(fd, cond):
        line = sys.stdin.readline()
        if not line:
            loop.quit()
            return False
        handle(obj, line.strip())
        out({'done': line.strip()})
        return True

    GLib.io_add_watch(sys.stdin.fileno(), GLib.IO_IN | GLib.IO_HUP, on_stdin)
    out({'ready': True})
    loop.run()
