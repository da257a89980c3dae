#!/bin/sh
# The manual page stays true: every command that `sevila --help` lists has its entry in sevila.1, and the
# page has no command that sevila lacks.
# usage: man_page_lists_commands.sh SEVILA MANPAGE
set -eu
sevila=$1
page=$2
commands=$("$sevila" --help | awk '/^Commands:/ { listing = 1; next } listing && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "sevila --help lists no commands"; exit 1; }
for c in $commands; do
  grep -q "^\.B $c\( \|$\)" "$page" || { echo "sevila.1 has no entry for '$c'"; exit 1; }
done
for c in $(sed -n 's/^\.B \([a-z]*\)\( .*\)\{0,1\}$/\1/p' "$page" | sort -u); do
  case "$c" in sevila) continue ;; esac
  echo "$commands" | grep -qx "$c" || { echo "sevila.1 documents '$c', which sevila --help does not list"; exit 1; }
done
echo "sevila.1 documents exactly: $(echo $commands)"
