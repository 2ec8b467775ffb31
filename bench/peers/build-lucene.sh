#!/usr/bin/env bash
# Compiles LuceneBench.java against Debian's liblucene8-java into bench/peers/classes
# (git-ignored). Prints the classpath to run it with, e.g.:
#   CP=$(bench/peers/build-lucene.sh) && java -cp "$CP" LuceneBench selftest
# Set LUCENE_JARS to a directory holding lucene-{core,analyzers-common,queryparser}-*.jar
# to use other jars (default /usr/share/java).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
jars=${LUCENE_JARS:-/usr/share/java}
cp=
for name in lucene-core lucene-analyzers-common lucene-queryparser; do
    # shellcheck disable=SC2012  # the jar names are plain ASCII
    jar=$(ls "$jars"/$name-[0-9]*.jar 2>/dev/null | sort | tail -n1)
    [ -n "$jar" ] || { echo "build-lucene.sh: no $name jar in $jars (apt-get install liblucene8-java)" >&2; exit 1; }
    cp="$cp${cp:+:}$jar"
done
command -v javac >/dev/null || { echo "build-lucene.sh: no javac (apt-get install default-jdk-headless)" >&2; exit 1; }
classes="$here/classes"
# Rebuild only when the source is newer than the class file.
if [ ! -f "$classes/LuceneBench.class" ] || [ "$here/LuceneBench.java" -nt "$classes/LuceneBench.class" ]; then
    mkdir -p "$classes"
    javac -encoding UTF-8 -Xlint:all -d "$classes" -cp "$cp" "$here/LuceneBench.java" >&2
fi
echo "$classes:$cp"
