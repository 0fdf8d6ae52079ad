import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sironet.settings")
application = get_wsgi_application()
# What the process loaded to start (Django, the apps, the URL patterns) lives as long as the
# process: out of the garbage collector's way, so its full collections stay short.
gc.freeze()
