#!/usr/bin/env bash
# Runs this repository's build (build/_build.csproj): ./build.sh Compile --arch arm64, ./build.sh --help
set -eo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
BUILD_PROJECT_FILE="$SCRIPT_DIR/build/_build.csproj"
TEMP_DIRECTORY="$SCRIPT_DIR/.nuke/temp"
DOTNET_GLOBAL_FILE="$SCRIPT_DIR/global.json"
DOTNET_INSTALL_URL="https://dot.net/v1/dotnet-install.sh"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_MULTILEVEL_LOOKUP=0

# Use the dotnet on PATH when it has an SDK; otherwise install the SDK that global.json names into .nuke/temp.
if command -v dotnet >/dev/null 2>&1 && [ -n "$(dotnet --list-sdks 2>/dev/null)" ]; then
    DOTNET_EXE="$(command -v dotnet)"
else
    DOTNET_DIRECTORY="$TEMP_DIRECTORY/dotnet-unix"
    DOTNET_EXE="$DOTNET_DIRECTORY/dotnet"
    if [ ! -x "$DOTNET_EXE" ]; then
        mkdir -p "$TEMP_DIRECTORY"
        DOTNET_INSTALL_FILE="$TEMP_DIRECTORY/dotnet-install.sh"
        curl -fsSL "$DOTNET_INSTALL_URL" -o "$DOTNET_INSTALL_FILE"
        chmod +x "$DOTNET_INSTALL_FILE"
        DOTNET_VERSION=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$DOTNET_GLOBAL_FILE" | head -n 1)
        "$DOTNET_INSTALL_FILE" --install-dir "$DOTNET_DIRECTORY" --version "${DOTNET_VERSION:?global.json names no SDK version}" --no-path
    fi
    export PATH="$DOTNET_DIRECTORY:$PATH"
fi

# A warm start skips the build when nothing under build/ or source/ changed since the last one, and runs the built
# program directly (`dotnet run` would evaluate the project again, which costs about a second). The program is published
# ReadyToRun for this machine's platform: precompiled, a run spends about 0.1 s less in the JIT. Where that cannot be
# (an unknown platform, no crossgen package to restore) it is published without.
STAMP="$TEMP_DIRECTORY/build.stamp"
HOST_DIRECTORY="$TEMP_DIRECTORY/build-host"
BUILD_OUTPUT="$HOST_DIRECTORY/_build.dll"
case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) RUNTIME_ID=linux-x64 ;;
    Linux-aarch64 | Linux-arm64) RUNTIME_ID=linux-arm64 ;;
    Darwin-x86_64) RUNTIME_ID=osx-x64 ;;
    Darwin-arm64) RUNTIME_ID=osx-arm64 ;;
    *) RUNTIME_ID= ;;
esac
if [ ! -f "$STAMP" ] || [ ! -f "$BUILD_OUTPUT" ] || [ -n "$(find "$SCRIPT_DIR/build" "$SCRIPT_DIR/source" "$SCRIPT_DIR/global.json" \
        "$SCRIPT_DIR"/Directory.*.props \( -name bin -o -name obj \) -prune -o -type f -newer "$STAMP" -print -quit 2>/dev/null)" ]; then
    PUBLISH=("$DOTNET_EXE" publish "$BUILD_PROJECT_FILE" -nologo -clp:NoSummary --verbosity quiet -c Release -o "$HOST_DIRECTORY")
    if [ -z "$RUNTIME_ID" ] || ! BUILD_LOG=$("${PUBLISH[@]}" -r "$RUNTIME_ID" --self-contained false -p:PublishReadyToRun=true 2>&1); then
        if ! BUILD_LOG=$("${PUBLISH[@]}" 2>&1); then
            echo "$BUILD_LOG" >&2
            exit 1
        fi
    fi
    touch "$STAMP"
fi
exec "$DOTNET_EXE" "$BUILD_OUTPUT" "$@"
