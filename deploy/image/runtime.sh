#!/usr/bin/env bash
# Assembles the root file system of the image's base layer, for Jib to add on top of `scratch` (the build reaches
# no container registry, so there is no base image to pull): a Java runtime made with jlink from the build JDK's
# jmods (Debian's openjdk-17-jdk-headless here), the shared libraries that runtime links against, copied from
# the build machine (Debian's libc6, zlib1g, ...; the list is written to /usr/share/doc/image-libraries.txt), and
# the few files a process expects: a non-root user, /tmp, a working directory for the H2 file.
# Usage: deploy/image/runtime.sh OUTPUT_DIR   (the `image` Maven profile runs it before jib:buildTar)
set -euo pipefail

out=$(realpath -m "${1:?usage: runtime.sh OUTPUT_DIR}")
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")}
[[ -d "$java_home/jmods" ]] || { echo "runtime.sh: $java_home has no jmods; set JAVA_HOME to a full JDK" >&2; exit 1; }

# The CDS archive (--generate-cds-archive) is the JDK's own class data sharing for these modules: the JVM maps it
# instead of parsing the JDK's classes at every start.
# What Spring Boot, Netty, Lettuce, H2 and the PostgreSQL driver use (java.desktop for java.beans;
# jdk.crypto.ec for TLS to PostgreSQL or Redis; jdk.management and jdk.jfr for diagnosing a running container).
modules=java.base,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.rmi
modules+=,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.crypto.ec,jdk.jfr
modules+=,jdk.management,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

rm -rf "$out"
mkdir -p "$out/opt" "$out/etc" "$out/tmp" "$out/var/lib/realtime" "$out/usr/share/doc"
"$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" \
  --strip-debug --no-man-pages --no-header-files --generate-cds-archive --output "$out/opt/java"
# java.desktop is there for java.beans; its native parts (windows, fonts, images, sound) never load in a server
# and would bring X11, ALSA and font libraries along.
rm -f "$out"/opt/java/lib/{libawt_xawt,libsplashscreen,libjsound,libfontmanager,liblcms,libjavajpeg,libmlib_image}.so

# Debian's JDK keeps its trust store in /etc (a link the runtime cannot follow inside the image): copy the store.
if [[ -f /etc/ssl/certs/java/cacerts ]]; then
  rm -f "$out/opt/java/lib/security/cacerts"
  cp -L /etc/ssl/certs/java/cacerts "$out/opt/java/lib/security/cacerts"
fi

# Every library the runtime's binaries need, at the path the dynamic loader looks for it, symlinks resolved.
mapfile -t libs < <(find "$out/opt/java" -type f \( -name '*.so' -o -perm -u+x \) -print0 |
  xargs -0 ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\/.*ld-linux/ { print $1 }' |
  grep -v "^$out" | sort -u)
for lib in "${libs[@]}"; do
  mkdir -p "$out$(dirname "$lib")"
  cp -L "$lib" "$out$lib"
done
for lib in "${libs[@]}"; do
  # With merged /usr, dpkg may know a library by its /lib path or by its /usr/lib one.
  dpkg -S "$lib" 2>/dev/null || dpkg -S "$(readlink -f "$lib")" 2>/dev/null || echo "(no package): $lib"
done | sort -u >"$out/usr/share/doc/image-libraries.txt"

# A fixed unprivileged user (the distroless convention, 65532) that owns nothing in the image but what it writes.
printf 'root:x:0:0:root:/root:/sbin/nologin\nrealtime:x:65532:65532:realtime:/var/lib/realtime:/sbin/nologin\n' \
  >"$out/etc/passwd"
printf 'root:x:0:\nrealtime:x:65532:\n' >"$out/etc/group"
# Names come from /etc/hosts first, then DNS (the container runtime provides both files).
printf 'hosts: files dns\n' >"$out/etc/nsswitch.conf"
echo "runtime.sh: $(du -sh "$out" | cut -f1) in $out (${#libs[@]} libraries)"
