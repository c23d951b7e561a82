#!/bin/sh
# Install the standalone annotator for the current user, or remove it again.
#
#   ./install.sh              copy this folder to ~/.local/lib/annotator, put the
#                             `annotator` command in ~/.local/bin, the desktop entry in
#                             ~/.local/share/applications and the icons in the icon theme
#   ./install.sh --uninstall  remove exactly those; projects and settings stay
#                             (~/.local/share/annotator holds your copy of the sample)
#
# PREFIX=/some/where ./install.sh installs below another prefix (default: ~/.local).
# Run from the unpacked folder (dist/annotator-VERSION-linux-x86_64.tar.gz); nothing here
# needs root or Python.
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=${PREFIX:-$HOME/.local}
APP=$PREFIX/lib/annotator
BIN=$PREFIX/bin/annotator
ENTRY=$PREFIX/share/applications/annotator.desktop
ICONS=$PREFIX/share/icons/hicolor
SIZES="16 32 48 64 128 256 512"

refresh_desktop() {
    # Menus and icon caches pick the change up; missing tools are not an error.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$PREFIX/share/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$ICONS" 2>/dev/null || true
    fi
}

uninstall() {
    rm -rf "$APP"
    # The command only if it is ours (a link into the installed folder).
    if [ -L "$BIN" ] && [ "$(readlink "$BIN")" = "$APP/annotator" ]; then
        rm -f "$BIN"
    fi
    rm -f "$ENTRY"
    for size in $SIZES; do
        rm -f "$ICONS/${size}x${size}/apps/annotator.png"
    done
    rm -f "$ICONS/scalable/apps/annotator.svg"
    refresh_desktop
    echo "annotator removed from $PREFIX (projects and settings are kept)"
}

# Qt's X11 window system plugin needs a few system libraries that are not in the folder
# (libxcb-cursor0 and friends); say how to get them rather than fail at the first start.
check_x11_libraries() {
    [ -n "${DISPLAY:-}" ] || return 0
    missing=$( { ldd "$APP/_internal/PySide6/Qt/plugins/platforms/libqxcb.so";
                 ldd "$APP/_internal/PySide6/Qt/lib/libQt6XcbQpa.so.6"; } 2>/dev/null \
        | awk '/not found/ {print $1}' | sort -u | tr '\n' ' ')
    [ -n "$missing" ] || return 0
    echo "The X11 window needs system libraries that are missing: $missing" >&2
    echo "On Debian or Ubuntu: sudo apt-get install libxcb-cursor0 libxcb-icccm4" \
        "libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-xkb1" \
        "libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0" >&2
}

install() {
    if [ ! -x "$HERE/annotator" ] || [ ! -d "$HERE/_internal" ]; then
        echo "install.sh: run it from the unpacked annotator folder" >&2
        exit 1
    fi
    if [ "$HERE" = "$APP" ]; then
        echo "install.sh: $APP is already the installed copy" >&2
        exit 1
    fi
    mkdir -p "$PREFIX/lib" "$PREFIX/bin" "$PREFIX/share/applications"
    # A complete copy under a temporary name, then swapped in: an interrupted install
    # leaves the previous version working.
    rm -rf "$APP.partial"
    cp -a "$HERE" "$APP.partial"
    rm -rf "$APP.old"
    if [ -e "$APP" ]; then mv "$APP" "$APP.old"; fi
    mv "$APP.partial" "$APP"
    rm -rf "$APP.old"
    ln -sfn "$APP/annotator" "$BIN"
    for size in $SIZES; do
        mkdir -p "$ICONS/${size}x${size}/apps"
        cp "$HERE/desktop/icons/annotator-$size.png" "$ICONS/${size}x${size}/apps/annotator.png"
    done
    mkdir -p "$ICONS/scalable/apps"
    cp "$HERE/desktop/icons/annotator.svg" "$ICONS/scalable/apps/annotator.svg"
    # The menu starts the installed program by its full path: ~/.local/bin is not on
    # every desktop session's PATH.
    sed "s|^Exec=annotator|Exec=$APP/annotator|" "$HERE/desktop/annotator.desktop" > "$ENTRY"
    refresh_desktop
    check_x11_libraries
    echo "annotator installed in $APP; run it as annotator ($BIN) or from the menu"
}

case "${1:-}" in
    "") install ;;
    --uninstall) uninstall ;;
    *)
        echo "usage: ./install.sh [--uninstall]" >&2
        exit 2
        ;;
esac
