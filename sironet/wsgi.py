import gc
import os

from django.core.wsgi import get_wsgi_application

from search import text

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sironet.settings")
application = get_wsgi_application()
# Built now rather than on each worker's first highlighted search result.
text.prepare()
# What the process loaded to start (Django, the apps, the URL patterns) lives as long as the
# process: out of the garbage collector's way, so its full collections stay short.
gc.freeze()
