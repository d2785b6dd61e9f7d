#!/usr/bin/env python3
"""X11 helpers for the desktop tests (python3-xlib), on $DISPLAY (Xvfb):

  x11.py windows PID     the top-level windows of process PID (_NET_WM_PID), as
                         JSON: [{"id", "name", "viewable"}]
  x11.py close WID       the close request a window manager sends: a
                         WM_PROTOCOLS/WM_DELETE_WINDOW client message
  x11.py key WID KEYS    focuses WID and types KEYS (e.g. ctrl+q) through XTEST
"""
import json
import sys

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


if __name__ == '__main__':
    cmd = sys.argv[1]
    if cmd == 'windows':
        print(json.dumps(windows(int(sys.argv[2]))))
    elif cmd == 'close':
        close(int(sys.argv[2]))
    elif cmd == 'key':
        key(int(sys.argv[2]), sys.argv[3])
    else:
        sys.exit(f'unknown command {cmd}')
