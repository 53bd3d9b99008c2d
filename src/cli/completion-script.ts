// The bash completion script `damo setup_cli_completion` hands out (our own). It asks
// damo itself for candidates (`damo --cli_complete <cword> <words...>`, see
// completion.ts), so completion always follows the installed damo's commands.
export function bashCompletionScript(): string {
  return `# bash completion for damo, from 'damo setup_cli_completion'.
# damo computes the candidates: '<damo> --cli_complete <word index> <words...>'.
_damo_cli_complete() {
	local damo=\${COMP_WORDS[0]/#\\~/$HOME}
	mapfile -t COMPREPLY < <("$damo" --cli_complete "$COMP_CWORD" "\${COMP_WORDS[@]}" 2>/dev/null)
	# A lone directory: let the user go on typing inside it.
	if [ "\${#COMPREPLY[@]}" -eq 1 ] && [ "\${COMPREPLY[0]: -1}" = / ]; then
		compopt -o nospace 2>/dev/null
	fi
	return 0
}
complete -F _damo_cli_complete damo
`;
}
