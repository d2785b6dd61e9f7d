#!/usr/bin/env python3
"""X11 helpers for the desktop tests (python3-xlib), on $DISPLAY (Xvfb):

  x11.py windows PID     the top-level windows of process PID (_NET_WM_PID), as
                         JSON: [{"id", "name", "viewable"}]
  x11.py close WID       the close request a window manager sends: a
                         WM_PROTOCOLS/WM_DELETE_WINDOW client message
  x11.py key WID KEYS    focuses WID and types KEYS (e.g. ctrl+q) through XTEST
  x11.py drop WID X Y FILE...
                         drops FILEs on WID at (X, Y) (window pixels) as a file
                         manager does: the XDND protocol (version 5) with a
                         text/uri-list selection; prints the target's answer
"""
import json
import sys
import time
from urllib.parse import quote

from Xlib import X, XK, display, protocol
from Xlib.ext import xtest

d = display.Display()
root = d.screen().root


def windows(pid):
    net_wm_pid = d.intern_atom('_NET_WM_PID')
    out = []
    for w in root.query_tree().children:
        try:
            p = w.get_full_property(net_wm_pid, X.AnyPropertyType)
            if not p or p.value[0] != pid:
                continue
            attrs = w.get_attributes()
            geo = w.get_geometry()
            out.append({'id': w.id, 'name': w.get_wm_name(), 'viewable': attrs.map_state == X.IsViewable,
                        'width': geo.width, 'height': geo.height})
        except Exception:  # gone meanwhile
            continue
    return out


def close(wid):
    w = d.create_resource_object('window', wid)
    ev = protocol.event.ClientMessage(
        window=w, client_type=d.intern_atom('WM_PROTOCOLS'),
        data=(32, [d.intern_atom('WM_DELETE_WINDOW'), X.CurrentTime, 0, 0, 0]))
    w.send_event(ev, event_mask=X.NoEventMask)
    d.flush()


def key(wid, keys):
    w = d.create_resource_object('window', wid)
    w.set_input_focus(X.RevertToParent, X.CurrentTime)
    d.sync()
    names = {'ctrl': 'Control_L', 'shift': 'Shift_L', 'alt': 'Alt_L'}
    codes = [d.keysym_to_keycode(XK.string_to_keysym(names.get(k, k))) for k in keys.split('+')]
    for c in codes:
        xtest.fake_input(d, X.KeyPress, c)
    for c in reversed(codes):
        xtest.fake_input(d, X.KeyRelease, c)
    d.sync()


def server_time(w):
    """A real X server timestamp (XDND refuses CurrentTime for selections)."""
    w.change_attributes(event_mask=X.PropertyChangeMask)
    w.change_property(d.intern_atom('AFTERVIEW_TIME'), d.intern_atom('STRING'), 8, b'')
    while True:
        ev = d.next_event()
        if ev.type == X.PropertyNotify:
            return ev.time


def drop(wid, x, y, files):
    a = lambda n: d.intern_atom(n)
    target = d.create_resource_object('window', wid)
    aware = target.get_full_property(a('XdndAware'), X.AnyPropertyType)
    if not aware:
        sys.exit(f'window {wid} does not accept drops (no XdndAware)')
    version = min(5, aware.value[0])
    uri_list = a('text/uri-list')
    payload = ''.join(f'file://{quote(f)}\r\n' for f in files).encode()
    src = root.create_window(0, 0, 1, 1, 0, X.CopyFromParent, X.InputOutput, X.CopyFromParent)
    t = server_time(src)
    src.set_selection_owner(a('XdndSelection'), t)
    # Pointer position in root coordinates.
    pos = target.translate_coords(root, x, y)
    rx, ry = pos.x, pos.y

    def send(msg, data):
        target.send_event(protocol.event.ClientMessage(window=target, client_type=a(msg), data=(32, data)),
                          event_mask=X.NoEventMask)
        d.flush()

    send('XdndEnter', [src.id, version << 24, uri_list, 0, 0])
    send('XdndPosition', [src.id, 0, (rx << 16) | ry, t, a('XdndActionCopy')])
    accepted, dropped, finished = None, False, None
    deadline = time.time() + 10
    while time.time() < deadline and finished is None:
        if not d.pending_events():
            time.sleep(0.02)
            continue
        ev = d.next_event()
        if ev.type == X.ClientMessage and ev.client_type == a('XdndStatus'):
            accepted = bool(ev.data[1][1] & 1)
            if not dropped:
                dropped = True
                if accepted:
                    send('XdndDrop', [src.id, 0, t, 0, 0])
                else:
                    send('XdndLeave', [src.id, 0, 0, 0, 0])
                    break
        elif ev.type == X.SelectionRequest:
            req = ev.requestor
            prop = ev.property or ev.target
            if ev.target == uri_list:
                req.change_property(prop, uri_list, 8, payload)
            else:
                prop = X.NONE
            req.send_event(protocol.event.SelectionNotify(
                time=ev.time, requestor=req, selection=ev.selection, target=ev.target, property=prop),
                event_mask=X.NoEventMask)
            d.flush()
        elif ev.type == X.ClientMessage and ev.client_type == a('XdndFinished'):
            finished = bool(ev.data[1][1] & 1) if version >= 5 else True
    src.destroy()
    d.flush()
    return {'accepted': accepted, 'finished': finished}


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'windows':
        print(json.dumps(windows(int(sys.argv[2]))))
    elif cmd == 'close':
        close(int(sys.argv[2]))
    elif cmd == 'key':
        key(int(sys.argv[2]), sys.argv[3])
    elif cmd == 'drop':
        print(json.dumps(drop(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])))
    else:
        sys.exit(f'unknown command {cmd}')
