"""CSL's implicit condition on groups, as pandoc's citeproc applies it: a ``cs:group`` (and a ``cs:text`` that
calls a macro) renders nothing when it calls at least one variable, directly or in anything inside it, and
every variable called is empty (CSL 1.0.2, "Group"; Citeproc.Eval: ``eGroup`` and its ``VarCount``).

citeproc-py decides it from its children alone, counting a nested group or ``cs:choose`` as a variable
rendered whatever it holds, and never for a macro: "translated by," with no translator, "Available at: "
with no URL. Here every variable looked up (by ``cs:text``, ``cs:number``, ``cs:date``, ``cs:names``) is
counted, a macro that renders something counts as a variable found ("n.d.", "[place unknown]" keep their
group), and a group compares the counts before and after its children. Applied by citeproc_fixes.apply().
"""

from __future__ import annotations

from typing import Any

from factcli.formats.citeproc_seams import visible

#: [variables looked up, variables found not empty], over the whole run (a group compares before and after).
_COUNT = [0, 0]


def apply(model: Any) -> None:
    from citeproc.source import VariableError

    for element in (model.Text, model.Number, model.Date, model.Names):
        element.render = _counted(element.render, VariableError)
    model.Text.render = _macro_as_group(model.Text.render)
    model.Group.process = _group_process(model, VariableError)


def _calls(element: Any) -> bool:
    """Whether an element looks a variable up itself (a text of a term, a value or a macro does not)."""
    if element.tag.endswith("}text"):
        return "variable" in element.attrib and element.get("variable") not in element.generated_variables
    return True


def _counted(render: Any, missing: type[Exception]) -> Any:
    def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        if not _calls(self):
            return render(self, *args, **kwargs)
        _COUNT[0] += 1
        out = render(self, *args, **kwargs)  # a missing variable raises: looked up, and empty
        if out is not None and visible(out) != "":
            _COUNT[1] += 1
        return out

    return counted


def _macro_as_group(render: Any) -> Any:
    def rendered(self: Any, *args: Any, **kwargs: Any) -> Any:
        if "macro" not in self.attrib:
            return render(self, *args, **kwargs)
        looked_up, found = _COUNT
        out = render(self, *args, **kwargs)
        if _COUNT[0] != looked_up and _COUNT[1] == found:
            return None
        if out is not None and visible(out) != "":
            # CSL 1.0.2: a macro that renders something is a non-empty variable to the group around it
            _COUNT[0] += 1
            _COUNT[1] += 1
        return out

    return rendered


def _displayed(display: str | None, text: Any) -> Any:
    """A group's ``display`` as pandoc's plain text shows it: a left margin starts a line (here: after a space,
    so that an entry stays on one line), the text beside it loses its leading space, a block runs on."""
    from citeproc.string import String

    from factcli.formats.citeproc_seams import seamed, trimmed

    if display == "left-margin":
        return seamed([String(" "), text])
    if display == "right-inline":
        return trimmed(text, " ", end=False)
    return text


def _group_process(model: Any, missing: type[Exception]) -> Any:
    def process(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        looked_up, found = _COUNT
        delimiter = self.get("delimiter", "")
        output = []
        for child in self.iterchildren():
            try:
                if isinstance(child, model.Choose):  # a choose inside is delimited by the group's delimiter
                    text = child.render(item, context=context, delimiter=delimiter, **kwargs)
                else:
                    text = child.render(item, context=context, **kwargs)
            except missing:
                continue
            if text is not None:
                output.append(text)
        if not output or (_COUNT[0] != looked_up and _COUNT[1] == found):
            raise missing
        return _displayed(self.get("display"), self.join(output))

    return process
