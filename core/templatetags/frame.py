"""{% kept_per_process key … %}…{% endkept_per_process %}: a part of the page frame rendered once
per process for each language and key, then written out as it was.

The header and footer of every page are the same for every reader of a language who is on the
same section of the site with the same menu: rendering them with the template engine cost about
half a millisecond on every page not served from the cache (more than the framework's floor).
The block must depend on nothing but the language and the values given as its key. One
exception is allowed: `{% csrf_token %}` inside is rendered with a stand-in, replaced by the
request's own token each time (so the token and its cookie are the request's, as always). The
token is made only for a block that holds one: making it draws 64 random characters, one
system call each, and sets a cookie on pages that have no form.

A block holds no `{% block %}`: `{% extends %}` looks for those through the parent template on
every page it renders, and does not look inside a kept block (most of the frame's nodes).
"""

import itertools

from django import template
from django.conf import settings
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Bounded: keys are a handful of sections × menus × languages; emptied if it ever grows past.
MAX_KEPT = 1024
_kept: dict[tuple, str] = {}
_CSRF_STAND_IN = "\x00csrf-token\x00"
# Each block's own number: what it renders is kept under it. (Not its place in the template:
# without template debugging, tokens carry no position, and two blocks without keys in one
# template were taken for one. Not id(): a template compiled again could reuse it.)
_serials = itertools.count()


class KeptNode(template.Node):
    # Not walked by get_nodes_by_type (what {% extends %} asks of base.html on every page).
    child_nodelists = ()

    def __init__(self, nodelist: template.NodeList, keys: list[template.base.FilterExpression]):
        self.nodelist = nodelist
        self.keys = keys
        self.serial = next(_serials)

    def render(self, context) -> str:
        # Without a request's token (lazy: asked only if the block holds a form), or while
        # templates are being edited (DEBUG: a changed template is read again, and must not
        # be served as it was).
        csrf = context.get("csrf_token")
        if csrf is None or settings.DEBUG:
            return self.nodelist.render(context)
        key = (self.serial, get_language(), *(k.resolve(context) for k in self.keys))
        html = _kept.get(key)
        if html is None:
            with context.push(csrf_token=_CSRF_STAND_IN):
                html = self.nodelist.render(context)
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[key] = html
        if _CSRF_STAND_IN in html:
            token = str(csrf)
            if token == "NOTPROVIDED":  # noqa: S105 - as {% csrf_token %} renders it: no field
                return self.nodelist.render(context)
            html = html.replace(_CSRF_STAND_IN, token)
        return mark_safe(html)


@register.tag
def kept_per_process(parser, token):
    bits = token.split_contents()[1:]
    nodelist = parser.parse(("endkept_per_process",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% kept_per_process %} cannot hold a {% block %}")
    return KeptNode(nodelist, [parser.compile_filter(bit) for bit in bits])
