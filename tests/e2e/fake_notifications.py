#!/usr/bin/env python3
"""A small org.freedesktop.Notifications server for the desktop tests
(python3-dbus, GLib), on the session bus of $DBUS_SESSION_BUS_ADDRESS.

It never closes a notification by itself (it never sends NotificationClosed
unless told to), which is what a server may do. Driven over stdin/stdout:
  stdout: one JSON line per event: {"ready": true} once the name is owned;
          {"notify": {"id", "app", "summary", "body", "actions"}} per Notify
  stdin:  "invoke ID KEY"  emits ActionInvoked(ID, KEY)
          "close ID"       emits NotificationClosed(ID, 2)
Options: --no-actions (the capabilities lack "actions").
"""
import sys

import dbus
import dbus.service

from driven import out, serve

IFACE = 'org.freedesktop.Notifications'


class Server(dbus.service.Object):
    def __init__(self, bus, actions):
        super().__init__(bus, '/org/freedesktop/Notifications')
        self.actions = actions
        self.next_id = 0

    @dbus.service.method(IFACE, in_signature='', out_signature='as')
    def GetCapabilities(self):
        return ['body'] + (['actions'] if self.actions else [])

    @dbus.service.method(IFACE, in_signature='', out_signature='ssss')
    def GetServerInformation(self):
        return ('afterview-test', 'afterview', '1', '1.2')

    @dbus.service.method(IFACE, in_signature='susssasa{sv}i', out_signature='u')
    def Notify(self, app, replaces, icon, summary, body, actions, hints, timeout):
        self.next_id += 1
        out({'notify': {'id': self.next_id, 'app': str(app), 'summary': str(summary), 'body': str(body),
                        'actions': [str(a) for a in actions]}})
        return self.next_id

    @dbus.service.method(IFACE, in_signature='u', out_signature='')
    def CloseNotification(self, nid):
        self.NotificationClosed(nid, 3)

    @dbus.service.signal(IFACE, signature='us')
    def ActionInvoked(self, nid, key):
        pass

    @dbus.service.signal(IFACE, signature='uu')
    def NotificationClosed(self, nid, reason):
        pass


def handle(server, line):
    parts = line.split()
    if parts[:1] == ['invoke']:
        server.ActionInvoked(dbus.UInt32(int(parts[1])), parts[2])
    elif parts[:1] == ['close']:
        server.NotificationClosed(dbus.UInt32(int(parts[1])), dbus.UInt32(2))


def main():
    serve(IFACE, lambda bus: Server(bus, '--no-actions' not in sys.argv), handle)


if __name__ == '__main__':
    main()
