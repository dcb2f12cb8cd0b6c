#!/bin/sh
# Screenshots of the real window on the demo workspace, driven by key presses.
set -e
OUT=$1
WS=$2
export QT_QPA_PLATFORM=xcb
/work/main/build/release/app/loopbench "$WS" &
APP=$!
sleep 3
WID=$(xdotool search --sync --onlyvisible --class loopbench | head -1)
xdotool windowsize $WID 1500 900; xdotool windowmove $WID 0 0; sleep 1
xdotool windowfocus --sync $WID; sleep 0.5
xdotool key ctrl+1; sleep 0.3
xdotool key Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down Down; sleep 1.2
import -window root -crop 1500x900+0+0 "$OUT/traces.png"
xdotool key ctrl+f; sleep 0.3
xdotool type --delay 40 'refund days'; sleep 0.2
xdotool key Return; sleep 1.5
xdotool key alt+b; sleep 1.2
xdotool key ctrl+1; sleep 0.3; xdotool key Down; sleep 1.2
import -window root -crop 1500x900+0+0 "$OUT/search.png"
xdotool key F1; sleep 1
import -window root -crop 1500x900+0+0 "$OUT/shortcuts.png"
kill $APP
