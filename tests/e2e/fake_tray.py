#!/usr/bin/env python3
"""A small StatusNotifier watcher and host for the desktop tests (what a tray
is on KDE, XFCE or GNOME with the AppIndicator extension), on the session bus
of $DBUS_SESSION_BUS_ADDRESS (python3-dbus, GLib). Driven over stdin/stdout:
  stdout: {"ready": true}; {"registered": {"sender", "service"}} per item;
          {"item": {...StatusNotifierItem properties}, "menu": [{"id", "label", "visible"}]}
          after "inspect"; {"done": LINE} after each command
  stdin:  "inspect"        reads the first item's properties and its dbusmenu
          "click LABEL"    sends the menu item with that label a "clicked" event
"""
import time

import dbus
import dbus.service

from driven import out, serve

IFACE = 'org.kde.StatusNotifierWatcher'


def plain(v):
    if isinstance(v, (dbus.Array, list)):
        return [plain(x) for x in v]
    if isinstance(v, (dbus.Dictionary, dict)):
        return {str(k): plain(x) for k, x in v.items()}
    if isinstance(v, dbus.Struct):
        return [plain(x) for x in v]
    if isinstance(v, dbus.Boolean):
        return bool(v)
    if isinstance(v, (dbus.Int32, dbus.UInt32, dbus.Int64, dbus.UInt64, dbus.Byte, dbus.Int16, dbus.UInt16)):
        return int(v)
    if isinstance(v, dbus.ByteArray):
        return len(v)
    if isinstance(v, (dbus.String, dbus.ObjectPath)):
        return str(v)
    return v


class Watcher(dbus.service.Object):
    def __init__(self, bus):
        super().__init__(bus, '/StatusNotifierWatcher')
        self.bus = bus
        self.items = []  # [(sender, path or name)]

    @dbus.service.method(IFACE, in_signature='s', out_signature='', sender_keyword='sender')
    def RegisterStatusNotifierItem(self, service, sender=None):
        self.items.append((str(sender), str(service)))
        out({'registered': {'sender': str(sender), 'service': str(service)}})
        self.StatusNotifierItemRegistered(f'{sender}{service}' if service.startswith('/') else service)

    @dbus.service.method(IFACE, in_signature='s', out_signature='')
    def RegisterStatusNotifierHost(self, service):
        pass

    @dbus.service.signal(IFACE, signature='s')
    def StatusNotifierItemRegistered(self, service):
        pass

    @dbus.service.signal(IFACE, signature='s')
    def StatusNotifierItemUnregistered(self, service):
        pass

    @dbus.service.signal(IFACE, signature='')
    def StatusNotifierHostRegistered(self):
        pass

    def props(self):
        return {
            'RegisteredStatusNotifierItems': dbus.Array([f'{s}{p}' for s, p in self.items], signature='s'),
            'IsStatusNotifierHostRegistered': dbus.Boolean(True),
            'ProtocolVersion': dbus.Int32(0),
        }

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature='ss', out_signature='v')
    def Get(self, iface, prop):
        return self.props()[prop]

    @dbus.service.method(dbus.PROPERTIES_IFACE, in_signature='s', out_signature='a{sv}')
    def GetAll(self, iface):
        return self.props()

    def item(self):
        sender, service = self.items[0]
        path = service if service.startswith('/') else '/StatusNotifierItem'
        dest = sender if service.startswith('/') else service
        obj = self.bus.get_object(dest, path)
        props = plain(obj.GetAll('org.kde.StatusNotifierItem', dbus_interface=dbus.PROPERTIES_IFACE))
        menu = self.bus.get_object(dest, props['Menu'])
        _rev, layout = menu.GetLayout(0, -1, dbus.Array([], signature='s'), dbus_interface='com.canonical.dbusmenu')
        entries = []

        def walk(node):
            nid, p, children = node
            p = plain(p)
            if 'label' in p or p.get('type') == 'separator':
                entries.append({'id': int(nid), 'label': p.get('label'), 'visible': p.get('visible', True),
                                'type': p.get('type', 'standard'), 'enabled': p.get('enabled', True)})
            for c in children:
                walk(c)
        walk(layout)
        return dest, menu, props, entries


def handle(watcher, cmd):
    try:
        if cmd == 'inspect':
            _dest, _menu, props, entries = watcher.item()
            out({'item': props, 'menu': entries})
        elif cmd.startswith('click '):
            label = cmd[len('click '):]
            _dest, menu, _props, entries = watcher.item()
            nid = next(e['id'] for e in entries if e['label'] == label)
            menu.Event(dbus.Int32(nid), 'clicked', dbus.String('', variant_level=1), dbus.UInt32(int(time.time())),
                       dbus_interface='com.canonical.dbusmenu')
    except Exception as e:  # reported to the test, which fails with it
        out({'error': f'{cmd}: {e!r}'})


def main():
    serve(IFACE, Watcher, handle)


if __name__ == '__main__':
    main()
