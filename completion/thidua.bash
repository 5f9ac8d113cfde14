# bash completion for thidua. Commands come from `thidua --help`, each command's options
# from `thidua CMD --help`, so the completion follows the binary it completes.
_thidua() {
	local cur prev cmd words
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	if [ "$COMP_CWORD" -eq 1 ]; then
		words=$("${COMP_WORDS[0]}" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on { print $1 }')
		COMPREPLY=($(compgen -W "$words --help --version" -- "$cur"))
		return
	fi
	cmd=${COMP_WORDS[1]}
	case "$prev" in
	--db | --svg) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--format) COMPREPLY=($(compgen -W "table json csv tsv" -- "$cur")); return ;;
	--by) COMPREPLY=($(compgen -W "year unit province" -- "$cur")); return ;;
	--status) COMPREPLY=($(compgen -W "registered proposed granted honoured" -- "$cur")); return ;;
	--check)
		COMPREPLY=($(compgen -W "malformed_number score_over_max ratio_over_whole
			ratio_list_mismatch total_mismatch duplicate_section date_year_mismatch
			duplicate_document unit_gap" -- "$cur"))
		return ;;
	esac
	if [[ "$cur" == -* ]]; then
		words=$("${COMP_WORDS[0]}" "$cmd" --help 2>/dev/null | grep -oE -- '--[a-z][a-z-]*' | sort -u)
		COMPREPLY=($(compgen -W "$words" -- "$cur"))
		return
	fi
	case "$cmd" in
	index | text) COMPREPLY=($(compgen -f -- "$cur")) ;;
	esac
}
complete -o filenames -F _thidua thidua
